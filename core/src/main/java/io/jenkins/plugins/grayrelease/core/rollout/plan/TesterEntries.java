package io.jenkins.plugins.grayrelease.core.rollout.plan;

import io.jenkins.plugins.grayrelease.core.TesterMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a plan's {@code testers} value. The form written everywhere is a list of
 * {@code {kind, name, value}} entries, the status document's own; the map form plans used before
 * ({@code headers}, {@code headerPrefixes}, {@code headerRegexes}, {@code cookies}, each a
 * name-to-value map) is still read so existing plans keep working.
 */
final class TesterEntries {
    private static final Set<String> ENTRY_KEYS = Set.of("kind", "name", "value");
    private static final Map<String, TesterMatch.Kind> FORMER_KEYS = former();

    private TesterEntries() {}

    static List<TesterMatch> read(Object value) {
        if (value instanceof List<?> entries) {
            List<TesterMatch> matches = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                matches.add(entry(entries.get(i), i + 1));
            }
            return matches;
        }
        if (value instanceof Map<?, ?> former) {
            return formerMap(former);
        }
        throw new IllegalArgumentException("'testers' is a list of entries such as {kind: header, name: x-canary,"
                + " value: \"true\"}, kind one of " + TesterMatch.Kind.words());
    }

    private static TesterMatch entry(Object entry, int number) {
        String where = "testers entry " + number + ": ";
        if (!(entry instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException(where + "write {kind, name, value}, e.g. {kind: header, name: x-canary,"
                    + " value: \"true\"}");
        }
        for (Object key : fields.keySet()) {
            if (!ENTRY_KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(where + "unknown field '" + key + "'; allowed: kind, name, value");
            }
        }
        if (!fields.containsKey("kind")) {
            throw new IllegalArgumentException(where + "'kind' is required, one of " + TesterMatch.Kind.words());
        }
        try {
            return TesterMatch.of(text(fields.get("kind")), text(fields.get("name")), text(fields.get("value")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    private static List<TesterMatch> formerMap(Map<?, ?> former) {
        List<TesterMatch> matches = new ArrayList<>();
        for (Map.Entry<?, ?> group : former.entrySet()) {
            TesterMatch.Kind kind = FORMER_KEYS.get(String.valueOf(group.getKey()));
            if (kind == null) {
                throw new IllegalArgumentException("unknown field '" + group.getKey() + "' in 'testers'; write a list of"
                        + " {kind, name, value} entries, kind one of " + TesterMatch.Kind.words());
            }
            if (!(group.getValue() instanceof Map<?, ?> pairs)) {
                throw new IllegalArgumentException("'testers." + group.getKey() + "' is a map of name: value");
            }
            pairs.forEach((name, value) -> matches.add(TesterMatch.of(kind.word(), text(name), text(value))));
        }
        return matches;
    }

    private static String text(Object scalar) {
        return scalar == null || scalar instanceof Map || scalar instanceof List ? null : String.valueOf(scalar);
    }

    private static Map<String, TesterMatch.Kind> former() {
        Map<String, TesterMatch.Kind> keys = new LinkedHashMap<>();
        keys.put("headers", TesterMatch.Kind.HEADER_EXACT);
        keys.put("headerPrefixes", TesterMatch.Kind.HEADER_PREFIX);
        keys.put("headerRegexes", TesterMatch.Kind.HEADER_REGEX);
        keys.put("cookies", TesterMatch.Kind.COOKIE);
        return Map.copyOf(keys);
    }
}
