package org.trident.spectra;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a derived map channel records (contract section 5): its name, element, the spectrum
 * channel it came from, for MLLS weights the reference {element, valence}, and its units.
 */
public record MapSpec(String name, String element, String derivedFrom, ObjectNode reference, String units) {}
