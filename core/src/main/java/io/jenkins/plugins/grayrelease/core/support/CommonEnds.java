package io.jenkins.plugins.grayrelease.core.support;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Where two versions of a list differ: how many leading and trailing elements they share. The
 * two never overlap, so {@code before[prefix, size - suffix)} and {@code after[prefix, size - suffix)}
 * are the changed stretch (possibly empty on one side).
 */
public record CommonEnds(int prefix, int suffix) {

    public static CommonEnds of(ArrayNode before, ArrayNode after) {
        int n = before.size();
        int m = after.size();
        int p = 0;
        while (p < n && p < m && before.get(p).equals(after.get(p))) {
            p++;
        }
        int s = 0;
        while (s < n - p && s < m - p && before.get(n - 1 - s).equals(after.get(m - 1 - s))) {
            s++;
        }
        return new CommonEnds(p, s);
    }
}
