package org.trident.sim;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One bundled sample ({@code trident.sample/1}, the files of sample-data/): simulation settings
 * and the particle. Missing numbers take the simulator's defaults.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SampleSpec(String format, String name, String description, long seed, Integer size, Double pixelSizeNm,
                         String angles, String dose, boolean misalign, Integer edsChannels, Double edsOffsetKeV,
                         Double edsScaleKeV, Integer eelsChannels, Double eelsOffsetEv, Double eelsScaleEv,
                         ParticleSpec particle) {
    public static final String FORMAT = "trident.sample/1";

    /** The simulation these settings describe. */
    public SimulationParams params() {
        SimulationParams d = SimulationParams.defaults(particle != null && particle.stage() != null ? particle.stage() : name);
        SimulationParams p = d.withSeed(seed)
                .withSize(size != null ? size : d.size())
                .withPixelSizeNm(pixelSizeNm != null ? pixelSizeNm : d.pixelSizeNm())
                .withAngles(angles != null ? SimulationParams.parseAngles(angles) : d.anglesDeg())
                .withDose(dose != null ? dose : d.dose())
                .withEdsAxis(edsChannels != null ? edsChannels : d.edsChannels(), edsOffsetKeV != null ? edsOffsetKeV : d.edsOffsetKeV(),
                        edsScaleKeV != null ? edsScaleKeV : d.edsScaleKeV())
                .withEelsAxis(eelsChannels != null ? eelsChannels : d.eelsChannels(), eelsOffsetEv != null ? eelsOffsetEv : d.eelsOffsetEv(),
                        eelsScaleEv != null ? eelsScaleEv : d.eelsScaleEv());
        if (particle != null) p = p.withSpec(particle);
        if (misalign) p = p.withMisalignment(Misalignment.defaults());
        return p;
    }
}
