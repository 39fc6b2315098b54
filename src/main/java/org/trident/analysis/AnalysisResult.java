package org.trident.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.model.Volume;

import java.util.List;
import java.util.Map;

/**
 * Everything {@code analyze} produces.
 *
 * @param volumes  derived volumes by contract name: mask, depth-nm, fraction-El, valence-El, inhomogeneity
 * @param profiles pooled depth-profile rows (particle 0)
 * @param byParticle per-particle rows (particle ≥ 1, 1 = largest)
 * @param summary  surface/bulk means per quantity
 * @param methods  quantity → how it was computed (one sentence each)
 * @param notes    defaults taken, things skipped and why
 * @param warnings what makes a result NaN that the user should hear about (e.g. an empty bulk shell); also in notes
 * @param record   machine-readable settings and facts (threshold, particle sizes, …) for analysis.json
 */
public record AnalysisResult(String label, ParticleMask mask, Map<String, Volume> volumes, List<Profiles.Row> profiles,
                             List<Profiles.Row> byParticle, List<Profiles.Summary> summary,
                             Map<String, String> methods, List<String> notes, List<String> warnings, ObjectNode record) {}
