package io.jenkins.plugins.grayrelease.core.rollout.plan;

import io.jenkins.plugins.grayrelease.core.support.Counted;
import io.jenkins.plugins.grayrelease.core.analysis.AnalysisSpec;
import java.time.Duration;
import java.util.List;

/**
 * An analysis in the plan, as a step ({@code count} measurements) or as the background analysis
 * (no {@code count}: it measures until the rollout ends).
 *
 * @param interval time between measurements (default 1m)
 * @param count measurements needed to pass (steps: default 1; background: must be absent)
 * @param failureLimit failed measurements tolerated (default 0)
 * @param inconclusiveTries inconclusive measurements in a row retried before they count as a
 *     failure (default 3)
 * @param compare the judge's comparison of canary and stable, beside or instead of metrics; may be null
 */
public record AnalysisSettings(List<MetricSpec> metrics, String interval, Integer count, Integer failureLimit,
        Integer inconclusiveTries, CompareSpec compare) {
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    public AnalysisSettings {
        if ((metrics == null || metrics.isEmpty()) && compare == null) {
            throw new FieldProblem("metrics", "'metrics' needs at least one metric (or add 'compare' to compare the"
                    + " canary with the stable)");
        }
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        if (count != null && count < 1) {
            throw new FieldProblem("count", "'count' must be 1 or more, got " + count);
        }
        if (failureLimit != null && failureLimit < 0) {
            throw new FieldProblem("failureLimit", "'failureLimit' must be 0 or more, got " + failureLimit);
        }
        if (inconclusiveTries != null && inconclusiveTries < 1) {
            throw new FieldProblem("inconclusiveTries", "'inconclusiveTries' must be 1 or more, got "
                    + inconclusiveTries);
        }
        if (metrics.stream().map(MetricSpec::name).distinct().count() != metrics.size()) {
            throw new FieldProblem("metrics", "two metrics have the same name; give each its own name");
        }
        // Checked as "until stopped" here: whether a count applies depends on where the analysis sits.
        toSpec(metrics, interval, 0, failureLimit, inconclusiveTries, compare);
    }

    /** As a step, the analysis must be able to fail: fewer tolerated failures than measurements. */
    void checkCanFail() {
        if (compare != null && (count == null || count < 2)) {
            throw new FieldProblem("count", "'count' must be 2 or more with 'compare'" + (count == null ? " (default 1)" : "")
                    + ": the first measurement reads the counters and the comparison starts with the second;"
                    + " e.g. interval: 30s, count: 40 compares for 20 minutes");
        }
        int measurements = count == null ? 1 : count;
        if (failureLimit != null && failureLimit >= measurements) {
            throw new FieldProblem("failureLimit", "'failureLimit: " + failureLimit + "' tolerates all " + Counted.of(measurements, "measurement", "measurements")
                    + " failing, so the analysis could never fail; make it smaller than 'count'"
                    + (count == null ? " (default 1)" : ""));
        }
    }

    /** As an analysis step: {@code count} measurements, 1 when not given. */
    public AnalysisSpec toStepSpec() {
        return toSpec(metrics, interval, count == null ? 1 : count, failureLimit, inconclusiveTries, compare);
    }

    /** As the background analysis: measures until stopped. */
    public AnalysisSpec toBackgroundSpec() {
        return toSpec(metrics, interval, 0, failureLimit, inconclusiveTries, compare);
    }

    private static AnalysisSpec toSpec(List<MetricSpec> metrics, String interval, int count, Integer failureLimit,
            Integer inconclusiveTries, CompareSpec compare) {
        return new AnalysisSpec(metrics.stream().map(MetricSpec::toCheck).toList(),
                Checks.duration(interval, "interval", DEFAULT_INTERVAL), count,
                failureLimit == null ? 0 : failureLimit,
                inconclusiveTries == null ? AnalysisSpec.DEFAULT_INCONCLUSIVE_TRIES : inconclusiveTries,
                compare == null ? null : compare.toJudgeSpec());
    }
}
