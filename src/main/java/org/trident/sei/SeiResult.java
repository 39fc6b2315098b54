package org.trident.sei;

import org.trident.sei.maps.SeiMap;
import org.trident.sei.metrics.MapStats;
import org.trident.sei.stats.Correlation;
import org.trident.sei.stats.QuadraticOptimum;
import org.trident.sei.study.Study;

import java.util.List;
import java.util.Map;

/** Everything {@code trident sei} computes for a study, before it is written. */
public record SeiResult(Study study, SeiParams params, double[] figureOfMerit, List<MapRow> maps, List<SpectrumRow> spectra,
                        List<CorrelationRow> correlations, QuadraticOptimum.Result ceOptimum, Map<String, Uniformity> uniformity,
                        List<String> notes) {

    public record MapRow(Study.Sample sample, Study.MapEntry entry, SeiMap map, MapStats.Result stats) {
        public String key() { return entry.key(); }
    }

    public record SpectrumRow(Study.Sample sample, String region, String component, double positionEv, double fraction,
                              double fractionErr, double fwhmEv, double chargeShiftEv, double reducedChi2) {}

    public record CorrelationRow(String technique, String quantity, String metric, String against, Correlation.Result r) {}

    public record Uniformity(String metric, QuadraticOptimum.Result optimum) {}

    /** Metric names of metrics.csv after the four key columns, in order. */
    public static final List<String> METRICS = List.of("mean", "std", "cv", "p05", "p95", "correlation_length_nm", "area_above", "area_below");

    public static double metric(MapStats.Result s, String name) {
        return switch (name) {
            case "mean" -> s.mean();
            case "std" -> s.std();
            case "cv" -> s.cv();
            case "p05" -> s.p05();
            case "p95" -> s.p95();
            case "correlation_length_nm" -> s.correlationLengthNm();
            case "area_above" -> s.areaAbove();
            case "area_below" -> s.areaBelow();
            default -> throw new IllegalArgumentException(name);
        };
    }
}
