package io.jenkins.plugins.grayrelease.core.rollout.plan;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Check;
import io.jenkins.plugins.grayrelease.core.analysis.judge.Direction;
import io.jenkins.plugins.grayrelease.core.analysis.judge.JudgeSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * The {@code compare} section of an analysis: the judge compares the canary with the stable.
 * Every field is optional; see {@link JudgeSpec} for the defaults and their meaning.
 */
public record CompareSpec(List<Check> checks, Double alpha, Double errorTolerance, Double latencyTolerance,
        Integer minRequests, Direction direction, String errorCodes) {

    public CompareSpec {
        if (checks != null) {
            if (checks.isEmpty()) {
                throw new FieldProblem("checks", "'checks' needs at least one of errors, latency, trafficSplit"
                        + " (or leave it out for all three)");
            }
            if (new HashSet<>(checks).size() != checks.size()) {
                throw new FieldProblem("checks", "'checks' names a check twice; list each once");
            }
            checks = List.copyOf(checks);
        }
        if (alpha != null && !(alpha > 0 && alpha <= 0.5)) {
            throw new FieldProblem("alpha", "'alpha' must be above 0 and at most 0.5, got " + number(alpha)
                    + "; 0.05 allows at most 5 % false alarms however often the analysis looks");
        }
        if (errorTolerance != null && !(errorTolerance >= 0)) {
            throw new FieldProblem("errorTolerance", "'errorTolerance' must be 0 or more, got " + number(errorTolerance)
                    + "; 0.5 passes early once the canary's error rate is shown below 1.5 times the stable's");
        }
        if (latencyTolerance != null && !(latencyTolerance >= 0)) {
            throw new FieldProblem("latencyTolerance", "'latencyTolerance' must be 0 or more, got "
                    + number(latencyTolerance) + "; 0.1 passes early once the canary is shown less than 10 % slower");
        }
        if (minRequests != null && minRequests < 1) {
            throw new FieldProblem("minRequests", "'minRequests' must be 1 or more, got " + minRequests);
        }
        if (errorCodes != null) {
            if (errorCodes.isBlank()) {
                throw new FieldProblem("errorCodes", "'errorCodes' must not be empty; write e.g. \"5..\" for all 5xx");
            }
            try {
                Pattern.compile(errorCodes);
            } catch (PatternSyntaxException e) {
                throw new FieldProblem("errorCodes", "'errorCodes' is not a regular expression Prometheus accepts ("
                        + e.getDescription() + "); write e.g. \"5..\" or \"503|504\"", e);
            }
        }
    }

    public JudgeSpec toJudgeSpec() {
        return new JudgeSpec(checks == null ? List.of(Check.values()) : checks,
                alpha == null ? JudgeSpec.DEFAULT_ALPHA : alpha,
                errorTolerance == null ? JudgeSpec.DEFAULT_ERROR_TOLERANCE : errorTolerance,
                latencyTolerance == null ? JudgeSpec.DEFAULT_LATENCY_TOLERANCE : latencyTolerance,
                minRequests == null ? JudgeSpec.DEFAULT_MIN_REQUESTS : minRequests,
                direction == null ? Direction.WORSE : direction,
                errorCodes == null ? JudgeSpec.DEFAULT_ERROR_CODES : errorCodes);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.valueOf(v);
    }
}
