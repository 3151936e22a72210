package io.jenkins.plugins.grayrelease.core.it.xds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Answers counted per version over a batch of calls, and the calls that failed. */
public record Split(Map<String, Integer> versions, int errors, String firstError) {

    /** No calls. */
    public static final Split NONE = new Split(Map.of(), 0, "");

    /** Two-sided 99.9 % normal quantile: a correct split falls outside the bound once in 1,000 runs. */
    static final double Z_999 = 3.2905;

    static Split of(JsonNode counts) {
        Map<String, Integer> versions = new TreeMap<>();
        counts.path("versions").fields().forEachRemaining(e -> versions.put(e.getKey(), e.getValue().asInt()));
        return new Split(versions, counts.path("errors").asInt(), counts.path("firstError").asText(""));
    }

    /** Both batches' calls together. */
    public Split plus(Split other) {
        Map<String, Integer> sum = new TreeMap<>(versions);
        other.versions.forEach((v, n) -> sum.merge(v, n, Integer::sum));
        return new Split(sum, errors + other.errors, firstError.isEmpty() ? other.firstError : firstError);
    }

    public int count(String version) {
        return versions.getOrDefault(version, 0);
    }

    public int total() {
        return versions.values().stream().mapToInt(Integer::intValue).sum() + errors;
    }

    /** {@code version}'s share of all calls, in percent (failed calls count as not {@code version}). */
    public double percent(String version) {
        return total() == 0 ? 0 : 100.0 * count(version) / total();
    }

    /**
     * Half the width, in percentage points, of the 99.9 % interval of a binomial share {@code expectedPercent}
     * over {@code calls} calls (normal approximation); 0 at 0 % and 100 %, where no call may stray.
     */
    public static double bound(int expectedPercent, int calls) {
        double p = expectedPercent / 100.0;
        return 100 * Z_999 * Math.sqrt(p * (1 - p) / calls);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        versions.forEach((v, n) -> out.append(v).append('=').append(n).append(' '));
        out.append(String.format(Locale.ROOT, "errors=%d (of %d)", errors, total()));
        if (!firstError.isEmpty()) {
            out.append(", first error: ").append(firstError);
        }
        return out.toString();
    }
}
