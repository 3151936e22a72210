package io.jenkins.plugins.grayrelease.core.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Reads and writes the release state annotation. The annotation is user-visible and
 * hand-editable, so reading never fails: a missing or broken record comes back as a problem
 * sentence, and the next write replaces it with a good one.
 */
public final class ReleaseStateCodec {

    /** The annotation on the VirtualService holding the release state as JSON. */
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
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("release state cannot be written as JSON", e);
        }
    }

    /** Decodes the annotation of a VirtualService given as a JSON tree. */
    public static Decoded read(JsonNode virtualService) {
        JsonNode value = virtualService.path("metadata").path("annotations").get(ANNOTATION);
        if (value == null || value.isNull()) {
            return new Decoded(null, "no release state recorded (annotation " + ANNOTATION + " is missing)");
        }
        return decode(value.asText());
    }

    public static Decoded decode(String json) {
        ReleaseState state;
        try {
            state = MAPPER.readValue(json, ReleaseState.class);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            String reason = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            return new Decoded(null, "annotation " + ANNOTATION + " is not a valid release state (" + reason
                    + "); the next change through Gray Release replaces it");
        }
        if (state == null || state.stable() == null || state.phase() == null) {
            return new Decoded(null, "annotation " + ANNOTATION + " lacks " + (state == null || state.stable() == null ? "'stable'" : "'phase'")
                    + "; the next change through Gray Release replaces it");
        }
        if (state.weight() < 0 || state.weight() > 100) {
            return new Decoded(null, "annotation " + ANNOTATION + " records weight " + state.weight()
                    + ", outside 0-100; the next change through Gray Release replaces it");
        }
        return new Decoded(state, null);
    }
}
