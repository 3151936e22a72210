package io.jenkins.plugins.grayrelease.core.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Where each managed route's release record lives: one annotation per route,
 * {@code grayrelease.jenkins.io/state.<route>}. The unnamed route keeps the original key
 * {@code grayrelease.jenkins.io/state}, which is also how records written before records were
 * per route are recognised.
 *
 * <p>Why one annotation per route rather than one annotation holding a JSON object keyed by
 * route: {@code kubectl get vs -o yaml} then shows each route's record on its own line, next to
 * its siblings (the keys sort together); {@code kubectl annotate} can repair or delete one route's
 * record without re-typing the others; a hand edit that breaks one record's JSON cannot make the
 * others unreadable; and a write's JSON patch touches only its own route's key.
 */
public final class StateAnnotations {

    /** The record of the unnamed managed route, and the single record of the format before per-route records. */
    public static final String LEGACY = ReleaseStateCodec.ANNOTATION;

    private static final String PREFIX = LEGACY + ".";
    /** Kubernetes limits the part after the '/' to 63 characters: alphanumerics, '-', '_', '.', alphanumeric at both ends. */
    private static final int NAME_LIMIT = 63;
    private static final String NAME_PART = PREFIX.substring(PREFIX.indexOf('/') + 1);
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    private StateAnnotations() {
    }

    /**
     * The annotation holding {@code routeName}'s record. A route name that is not a valid
     * annotation name (Istio allows any string) or too long gets a readable cleaned-up form plus
     * a hash of the real name, so two routes never share a key; the record itself carries the
     * real name ({@code "route"}).
     *
     * @param routeName the managed route's {@code http[].name}, or null for an unnamed route
     */
    public static String keyFor(String routeName) {
        if (routeName == null) {
            return LEGACY;
        }
        if (SAFE.matcher(routeName).matches() && NAME_PART.length() + routeName.length() <= NAME_LIMIT) {
            return PREFIX + routeName;
        }
        String hash = HexFormat.of().formatHex(sha256(routeName)).substring(0, 10);
        String cleaned = routeName.replaceAll("[^-A-Za-z0-9_.]", "-");
        int room = NAME_LIMIT - NAME_PART.length() - hash.length() - 1;
        cleaned = cleaned.substring(0, Math.min(cleaned.length(), room)).replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
        return PREFIX + (cleaned.isEmpty() ? "" : cleaned + "-") + hash;
    }

    /** Whether {@code key} is a release record annotation (the legacy one included). */
    public static boolean isRecord(String key) {
        return key.equals(LEGACY) || key.startsWith(PREFIX);
    }

    /** The record stored under {@code key}; missing or broken records come back as a problem sentence. */
    public static ReleaseStateCodec.Decoded read(JsonNode virtualService, String key) {
        JsonNode value = virtualService.path("metadata").path("annotations").get(key);
        if (value == null || value.isNull()) {
            return new ReleaseStateCodec.Decoded(null, "no release state recorded (annotation " + key + " is missing)");
        }
        return ReleaseStateCodec.decode(value.asText(), key);
    }

    /**
     * Puts {@code routeName}'s record into the object's annotations.
     *
     * @param dropLegacy remove the pre-per-route record, because it was this route's and is now
     *                   migrated to the route's own key
     */
    public static void write(ObjectNode virtualService, String routeName, ReleaseState state, boolean dropLegacy) {
        ObjectNode annotations = annotations(virtualService);
        String key = keyFor(routeName);
        annotations.put(key, ReleaseStateCodec.encode(state, routeName));
        if (dropLegacy && !key.equals(LEGACY)) {
            annotations.remove(LEGACY);
        }
    }

    /** The object's {@code metadata.annotations}, created when missing. */
    public static ObjectNode annotations(ObjectNode object) {
        ObjectNode metadata = object.get("metadata") instanceof ObjectNode m ? m : object.putObject("metadata");
        return metadata.get("annotations") instanceof ObjectNode a ? a : metadata.putObject("annotations");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
