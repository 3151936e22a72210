package io.jenkins.plugins.grayrelease.core.analysis.judge;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the judge compares canary and stable.
 *
 * @param checks what is compared; α is split equally among them, so the analysis as a whole
 *     fails a canary no worse than the stable with probability at most α
 * @param alpha the false-alarm bound of the whole comparison, however often it looks
 * @param errorTolerance relative: 0.5 passes early once the canary's error rate is shown to be
 *     below 1.5 times the stable's
 * @param latencyTolerance relative: 0.1 passes early once the canary is shown to be less than
 *     10 % slower
 * @param minRequests canary requests needed before any verdict, and by the end of the analysis
 * @param direction whether only a worse canary fails, or any difference
 * @param errorCodes the {@code response_code} regular expression counted as errors
 */
public record JudgeSpec(List<Check> checks, double alpha, double errorTolerance, double latencyTolerance,
        long minRequests, Direction direction, String errorCodes) {
    public static final double DEFAULT_ALPHA = 0.05;
    public static final double DEFAULT_ERROR_TOLERANCE = 0.5;
    public static final double DEFAULT_LATENCY_TOLERANCE = 0.1;
    public static final long DEFAULT_MIN_REQUESTS = 100;
    public static final String DEFAULT_ERROR_CODES = "5..";

    public JudgeSpec {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(errorCodes, "errorCodes");
        if (checks == null || checks.isEmpty()) {
            throw new IllegalArgumentException("the comparison needs at least one check");
        }
        Set<Check> ordered = EnumSet.copyOf(checks);
        checks = List.copyOf(ordered);
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be above 0 and below 1, got " + alpha);
        }
        if (!(errorTolerance >= 0) || !(latencyTolerance >= 0)) {
            throw new IllegalArgumentException("tolerances must be 0 or more");
        }
        if (minRequests < 1) {
            throw new IllegalArgumentException("minRequests must be 1 or more, got " + minRequests);
        }
    }

    public static JudgeSpec defaults() {
        return new JudgeSpec(List.of(Check.values()), DEFAULT_ALPHA, DEFAULT_ERROR_TOLERANCE, DEFAULT_LATENCY_TOLERANCE,
                DEFAULT_MIN_REQUESTS, Direction.WORSE, DEFAULT_ERROR_CODES);
    }

    /** Each check's share of α (Bonferroni: the checks' false alarms add up to at most α). */
    public double alphaPerCheck() {
        return alpha / checks.size();
    }
}
