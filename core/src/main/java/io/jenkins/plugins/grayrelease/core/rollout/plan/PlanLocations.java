package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each field of the plan file starts ({@code steps[2].approval.timeout} → line 17). Jackson
 * reports a bad value at the point where it noticed, which for a section's cross-field check is
 * the end of the section; this index lets errors point at the field itself.
 */
final class PlanLocations {
    private final Map<String, int[]> starts = new HashMap<>();
    /** For list items that are one-key maps (steps): the key, e.g. {@code steps[2]} → {@code approval}. */
    private final Map<String, String> firstKeys = new HashMap<>();

    private static final class Frame {
        final String path;
        final boolean array;
        int index;
        String field;

        Frame(String path, boolean array) {
            this.path = path;
            this.array = array;
        }

        String child() {
            if (array) {
                return path + "[" + index++ + "]";
            }
            return path.isEmpty() ? field : path + "." + field;
        }
    }

    static PlanLocations index(String text) {
        PlanLocations locations = new PlanLocations();
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            Deque<Frame> stack = new ArrayDeque<>();
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                Frame top = stack.peek();
                if (token == JsonToken.FIELD_NAME) {
                    top.field = p.currentName();
                    String path = top.path.isEmpty() ? top.field : top.path + "." + top.field;
                    locations.put(path, p);
                    if (top.path.matches(".*\\[\\d+]") && !locations.firstKeys.containsKey(top.path)) {
                        locations.firstKeys.put(top.path, top.field);
                    }
                } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    String path = top == null ? "" : childOf(top, locations, p);
                    stack.push(new Frame(path, token == JsonToken.START_ARRAY));
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    stack.pop();
                } else if (top != null && top.array) {
                    locations.put(top.child(), p);
                }
            }
        } catch (IOException | RuntimeException syntaxError) {
            // The index serves error messages only; Jackson reports the syntax error itself.
        }
        return locations;
    }

    private static String childOf(Frame parent, PlanLocations locations, JsonParser p) {
        String path = parent.child();
        if (parent.array) {
            locations.put(path, p);
        }
        return path;
    }

    private void put(String path, JsonParser p) {
        var at = p.currentTokenLocation();
        starts.putIfAbsent(path, new int[] {at.getLineNr(), at.getColumnNr()});
    }

    /**
     * Line and column of {@code path}, or of its nearest enclosing field that exists (a missing
     * field points at its section); the top of the file when nothing encloses it.
     */
    int[] find(String path) {
        String p = path;
        while (!p.isEmpty()) {
            int[] at = starts.get(p);
            if (at != null) {
                return at;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return new int[] {1, 1};
    }

    /** The key of the one-key map at list item {@code itemPath}, or null. */
    String firstKey(String itemPath) {
        return firstKeys.get(itemPath);
    }
}
