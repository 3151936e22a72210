package io.jenkins.plugins.grayrelease.core.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Reads and writes the release state annotation. The annotation is user-visible and
 * hand-editable, so reading never fails: a missing or broken record comes back as a problem
 * sentence, and the next write replaces it with a good one.
 */
public final class ReleaseStateCodec {

    /**
     * The annotation holding the record of an unnamed managed route; named routes have their own
     * ({@link StateAnnotations#keyFor}). Before records were per route, the only record.
     */
    public static final String ANNOTATION = "grayrelease.jenkins.io/state";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Records written by a newer version may carry fields this one does not know.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReleaseStateCodec() {
    }

    /**
     * What the annotation holds.
     *
     * @param state   the record, or null when missing or unreadable
     * @param problem why there is no usable record, or null
     */
    public record Decoded(ReleaseState state, String problem) {
    }

    public static String encode(ReleaseState state) {
        return encode(state, null);
    }

    /**
     * The record as JSON, led by the name of the route it belongs to (when named): the
     * annotation key of a route whose name is not a valid key is a hash, and the record says
     * which route it is. Readers ignore the field.
     */
    public static String encode(ReleaseState state, String routeName) {
        ObjectNode json = MAPPER.createObjectNode();
        if (routeName != null) {
            json.put("route", routeName);
        }
        json.setAll((ObjectNode) MAPPER.valueToTree(state));
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("release state cannot be written as JSON", e);
        }
    }

    public static Decoded decode(String json) {
        return decode(json, ANNOTATION);
    }

    /** Decodes a record read from the annotation {@code key} (named in the problem sentence). */
    public static Decoded decode(String json, String key) {
        ReleaseState state;
        try {
            state = MAPPER.readValue(json, ReleaseState.class);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            String reason = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            return new Decoded(null, "annotation " + key + " is not a valid release state (" + reason
                    + "); the next change through Gray Release replaces it");
        }
        if (state == null || state.stable() == null || state.phase() == null) {
            return new Decoded(null, "annotation " + key + " lacks " + (state == null || state.stable() == null ? "'stable'" : "'phase'")
                    + "; the next change through Gray Release replaces it");
        }
        if (state.weight() < 0 || state.weight() > 100) {
            return new Decoded(null, "annotation " + key + " records weight " + state.weight()
                    + ", outside 0-100; the next change through Gray Release replaces it");
        }
        return new Decoded(state, null);
    }
}
