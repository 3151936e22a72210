package io.jenkins.plugins.grayrelease.core.analysis.judge;

import java.util.List;
import java.util.Objects;

/**
 * The evidence of one check at one look: what was asked, what each side did, what it means.
 *
 * @param queries the PromQL sent at this look
 * @param canary the canary's cumulative numbers
 * @param stable the stable's
 * @param effect what {@code estimate}, {@code lower} and {@code upper} measure, e.g.
 *     "error rate ratio canary/stable"
 * @param lower lower end of the confidence sequence (NaN when none)
 * @param upper upper end (+∞ when not yet bounded)
 * @param pValue anytime-valid: the running minimum of 1/e-value
 * @param alpha this check's share of the plan's α
 * @param looks intervals observed
 * @param sentence the verdict in words
 * @param history the looks so far, for the chart
 */
public record Comparison(Check check, State state, List<String> queries, SideSummary canary, SideSummary stable,
        String effect, double estimate, double lower, double upper, double tolerance, double pValue, double alpha,
        int looks, String sentence, List<EvidencePoint> history) {

    /** Where a check stands. */
    public enum State {
        /** Fewer canary requests than the plan's minimum. */
        WAITING,
        /** No difference shown yet, none excluded either. */
        WATCHING,
        /** Shown to be within the tolerance: this check allows an early pass. */
        PASSED,
        /** Shown to be worse (or, for the traffic split, off its weight): the analysis fails. */
        FAILED,
        /** Prometheus did not answer usably at this look. */
        INCONCLUSIVE
    }

    /**
     * One side's numbers.
     *
     * @param rate errors per request in % (errors), NaN otherwise
     * @param p50 median latency in ms (latency), NaN otherwise
     * @param p99 99th percentile in ms (latency), NaN otherwise
     * @param share of all requests in % (traffic split), NaN otherwise
     */
    public record SideSummary(long requests, long errors, double rate, double p50, double p99, double share) {}

    public Comparison {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(state, "state");
        queries = List.copyOf(queries);
        history = List.copyOf(history);
    }

    /** One line for logs: {@code errors: FAILED — the canary's error rate …}. */
    public String describe() {
        return check.planName() + ": " + state + " — " + sentence;
    }
}
