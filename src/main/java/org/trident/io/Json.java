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
    /** Deepest nesting read: Trident's files nest a few levels; a hostile file 200,000 deep must not overflow the stack. */
    public static final int MAX_DEPTH = 200;
    /** Largest JSON file read: bundles and records are kilobytes; arrays live in NPY files. */
    public static final long MAX_BYTES = 64L << 20;

    public static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH).maxStringLength(16 << 20).maxNumberLength(400).maxDocumentLength(MAX_BYTES).build())
            .build())
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
            if (java.nio.file.Files.isRegularFile(file) && java.nio.file.Files.size(file) > MAX_BYTES) {
                throw TridentException.file(file, "is " + java.nio.file.Files.size(file) + " bytes, too large for a Trident JSON file (at most " + MAX_BYTES + ")");
            }
            n = MAPPER.readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw TridentException.file(file, "file not found");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw TridentException.file(file, problem(e));
        } catch (StackOverflowError e) {
            throw TridentException.file(file, "JSON nested too deeply");
        } catch (IOException e) {
            throw TridentException.file(file, "cannot read: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) throw TridentException.file(file, "expected a JSON object");
        return (ObjectNode) n;
    }

    /** "malformed JSON at line L, column C: what" (without Jackson's source excerpt), or the limit that was hit. */
    public static String problem(com.fasterxml.jackson.core.JsonProcessingException e) {
        String what = e.getOriginalMessage();
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            return "JSON beyond Trident's limits (" + what + ")";
        }
        var loc = e.getLocation();
        return "malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()) + ": " + what;
    }

    /** Parses JSON text (e.g. metadata inside a microscope file); errors name {@code file}. */
    public static JsonNode parse(Path file, String what, String text) {
        try {
            JsonNode n = MAPPER.readTree(text);
            return n == null ? object() : n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw TridentException.file(file, what + ": " + problem(e));
        } catch (StackOverflowError e) {
            throw TridentException.file(file, what + ": JSON nested too deeply");
        }
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
