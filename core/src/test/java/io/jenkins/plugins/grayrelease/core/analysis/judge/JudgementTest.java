package io.jenkins.plugins.grayrelease.core.analysis.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.analysis.judge.Comparison.State;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgementTest {
    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    private static final JudgeSpec ERRORS_AND_SPLIT = new JudgeSpec(List.of(Check.ERRORS, Check.TRAFFIC_SPLIT), 0.05, 0.5,
            0.1, 100, Direction.WORSE, "5..");

    private static List<Comparison> run(Judgement j, int looks, long canaryRequests, long canaryErrors, long stableRequests,
            long stableErrors) {
        List<Comparison> last = List.of();
        for (int i = 1; i <= looks; i++) {
            last = j.observe(new Judgement.Interval(T0.plusSeconds(30L * i), 10, false, new double[0],
                    new SideCounts(canaryRequests, canaryErrors, null), new SideCounts(stableRequests, stableErrors, null)),
                    Map.of(Check.ERRORS, List.of("sum(istio_requests_total{...})")));
        }
        return last;
    }

    @Test
    void aCanaryWithThreeTimesTheStablesErrorsFailsWithItsNumbersInTheSentence() {
        List<Comparison> c = run(new Judgement(ERRORS_AND_SPLIT), 10, 300, 9, 2700, 27);

        Comparison errors = c.get(0);
        assertThat(errors.state()).isEqualTo(State.FAILED);
        assertThat(errors.sentence()).startsWith("the canary's error rate is higher than the stable's")
                .contains("canary 3.00 % (90/3000)", "stable 1.00 % (270/27000)", "ratio 3.0", "α 0.025", "10 looks");
        assertThat(errors.pValue()).isLessThan(0.025);
        assertThat(errors.lower()).isGreaterThan(1);
        assertThat(errors.queries()).containsExactly("sum(istio_requests_total{...})");
        assertThat(Judgement.failed(c)).isTrue();
    }

    @Test
    void fewerCanaryRequestsThanTheMinimumOnlyWait() {
        List<Comparison> c = run(new Judgement(ERRORS_AND_SPLIT), 2, 30, 30, 270, 0);

        assertThat(c.get(0).state()).isEqualTo(State.WAITING);
        assertThat(c.get(0).sentence()).startsWith("waiting for data: 60 of 100 canary requests");
    }

    @Test
    void aCanaryAsGoodAsTheStableIsClearedOnceItsRatioIsShownBelowTheTolerance() {
        List<Comparison> c = run(new Judgement(ERRORS_AND_SPLIT), 40, 3000, 30, 27000, 270);

        assertThat(c.get(0).state()).isEqualTo(State.PASSED);
        assertThat(c.get(0).upper()).isLessThan(1.5);
        assertThat(Judgement.cleared(c)).isTrue();
    }

    @Test
    void aCanaryGettingFarLessThanItsWeightFailsTheTrafficSplit() {
        List<Comparison> c = run(new Judgement(ERRORS_AND_SPLIT), 3, 30, 0, 2970, 0);

        Comparison split = c.get(1);
        assertThat(split.state()).isEqualTo(State.FAILED);
        assertThat(split.sentence()).startsWith("the canary receives far less traffic than its weight: canary share 1.00 %")
                .contains("weight 10.00 %", "are its pods ready");
    }

    @Test
    void anIntervalInWhichTheWeightChangedIsLeftOut() {
        Judgement j = new Judgement(ERRORS_AND_SPLIT);
        List<Comparison> c = j.observe(new Judgement.Interval(T0, 10, true, new double[0], new SideCounts(300, 300, null),
                new SideCounts(2700, 0, null)), Map.of());

        assertThat(c.get(0).canary().requests()).isZero();
        assertThat(c.get(0).sentence()).endsWith("1 interval left out (weight change or counter reset)");
        assertThat(j.canaryRequests()).isZero();
    }
}
