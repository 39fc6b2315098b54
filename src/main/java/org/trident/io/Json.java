package org.trident.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trident.model.TridentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The one JSON mapper of Trident, and safe read/write helpers that name the file on error. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Reads a JSON object from {@code file}; a missing file or malformed JSON becomes a TridentException. */
    public static ObjectNode readObject(Path file) {
        JsonNode n;
        try {
            n = MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw TridentException.file(file, "file not found");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw TridentException.file(file, "malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) throw TridentException.file(file, "expected a JSON object");
        return (ObjectNode) n;
    }

    public static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.treeToValue(readObject(file), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw TridentException.file(file, "unexpected content: " + e.getOriginalMessage());
        }
    }

    /** Writes {@code value} as indented JSON atomically. */
    public static void write(Path file, Object value) {
        try {
            byte[] bytes = MAPPER.writeValueAsString(value).concat("\n").getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(file, bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw TridentException.file(file, "cannot encode JSON: " + e.getOriginalMessage());
        }
    }

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TridentException("cannot encode JSON: " + e.getOriginalMessage());
        }
    }
}
