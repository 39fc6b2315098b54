package org.trident.spectra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.model.TiltSeries;

import java.util.List;

/**
 * What {@link Quantifier} returns: the output series (input image channels unchanged plus one
 * map channel per quantity, its top-level {@code quantification} set), that same
 * {@code quantification} node, the full record for {@code quantification.json}, and warnings.
 */
public record QuantResult(TiltSeries series, ObjectNode quantification, ObjectNode record, List<String> warnings) {}
