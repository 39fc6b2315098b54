package org.trident.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.trident.io.Json;

/** Parameters records as JSON trees, for provenance. */
final class ParamsJson {
    private ParamsJson() {}

    static JsonNode tree(Object params) {
        return params == null ? Json.MAPPER.nullNode() : Json.MAPPER.valueToTree(params);
    }
}
