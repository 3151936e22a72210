package io.jenkins.plugins.grayrelease.core.bench;

import io.jenkins.plugins.grayrelease.core.analysis.judge.RequestStreams;
import io.jenkins.plugins.grayrelease.core.analysis.judge.RequestStreams.Behaviour;
import io.jenkins.plugins.grayrelease.core.analysis.judge.SideCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The canary judge against the usual analyses on the same simulated canaries (seeded, so every run
 * prints the same table): per scenario, how often each one fails the canary within 20 minutes of
 * checks every 30 s, and how soon. On A/A canaries (the canary behaves exactly as the stable)
 * every failure is a false alarm. Prints numbers, asserts nothing. Run from the repository root:
 *
 * <pre>mvn -B -ntp -q -pl core -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp core/target/test-classes:core/target/classes:$(cat core/target/test-classpath.txt) \
 *     io.jenkins.plugins.grayrelease.core.bench.JudgeBenchmark</pre>
 *
 * {@code -Djudge.canaries=N} sets the canaries per scenario (default 1000).
 */
public final class JudgeBenchmark {
    static final double TICK_SECONDS = 10;
    static final int TICKS_PER_LOOK = 3;
    static final int TICKS = 120; // 20 minutes
    static final double RPS = 100;
    static final Behaviour STABLE = new Behaviour(0.005, 50, 0.6);

    record Scenario(String name, double weight, Behaviour canary, boolean regression) {}

    private JudgeBenchmark() {}

    public static void main(String[] args) {
        int canaries = Integer.getInteger("judge.canaries", 1000);
        List<Scenario> scenarios = List.of(
                new Scenario("A/A, 10 % weight", 10, STABLE, false),
                new Scenario("A/A, 1 % weight", 1, STABLE, false),
                new Scenario("errors +0.5 pp (0.5 → 1.0 %), 10 % weight", 10, STABLE.withErrorRate(0.010), true),
                new Scenario(String.format(Locale.ROOT, "latency +20 %% (p99 %.0f → %.0f ms), 10 %% weight",
                        STABLE.p99(), STABLE.slower(1.2).p99()), 10, STABLE.slower(1.2), true),
                new Scenario("errors 2× (0.5 → 1.0 %), 1 % weight", 1, STABLE.withErrorRate(0.010), true));
        long started = System.nanoTime();
        StringBuilder table = new StringBuilder("| scenario (100 rps, stable 0.5 % errors, p99 " + String.format(Locale.ROOT,
                "%.0f", STABLE.p99()) + " ms) | analysis | canaries failed | median time to fail | passed early |\n"
                + "| --- | --- | --- | --- | --- |\n");
        for (int s = 0; s < scenarios.size(); s++) {
            Scenario scenario = scenarios.get(s);
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20_260_000L + s);
            int ruleCount = rulesFor(scenario).size();
            int[] failed = new int[ruleCount];
            int[] passedEarly = new int[ruleCount];
            List<List<Double>> failTimes = new ArrayList<>();
            for (int r = 0; r < ruleCount; r++) {
                failTimes.add(new ArrayList<>());
            }
            String[] names = new String[ruleCount];
            for (int c = 0; c < canaries; c++) {
                RequestStreams streams = new RequestStreams(rng, RPS, scenario.weight(), STABLE, scenario.canary(), TICK_SECONDS);
                List<CanaryRule> active = rulesFor(scenario);
                CanaryRule.Decision[] decided = new CanaryRule.Decision[ruleCount];
                List<SideCounts[]> ticks = new ArrayList<>(TICKS);
                for (int t = 1; t <= TICKS; t++) {
                    ticks.add(streams.tick());
                    if (t % TICKS_PER_LOOK != 0) {
                        continue;
                    }
                    for (int r = 0; r < ruleCount; r++) {
                        if (decided[r] != null) {
                            continue;
                        }
                        CanaryRule.Decision d = active.get(r).look(ticks);
                        if (d == CanaryRule.Decision.FAIL) {
                            decided[r] = d;
                            failed[r]++;
                            failTimes.get(r).add(t * TICK_SECONDS);
                        } else if (d == CanaryRule.Decision.PASS) {
                            decided[r] = d;
                            passedEarly[r]++;
                        }
                    }
                }
                for (int r = 0; r < ruleCount; r++) {
                    names[r] = active.get(r).name();
                }
            }
            for (int r = 0; r < ruleCount; r++) {
                String row = String.format(Locale.ROOT, "| %s | %s | %.1f %% (%d/%d) | %s | %s |%n", scenario.name(), names[r],
                        100.0 * failed[r] / canaries, failed[r], canaries, median(failTimes.get(r)),
                        names[r].startsWith("canary judge") ? String.format(Locale.ROOT, "%.1f %%", 100.0 * passedEarly[r] / canaries) : "–");
                table.append(row);
                System.out.print("bench: " + row);
            }
        }
        System.out.printf(Locale.ROOT, "%nbench: %d canaries per scenario, checks every %.0f s for %.0f min, finished in %.0f s on %d CPUs%n%n%s",
                canaries, TICK_SECONDS * TICKS_PER_LOOK, TICKS * TICK_SECONDS / 60, (System.nanoTime() - started) / 1e9,
                Runtime.getRuntime().availableProcessors(), table);
    }

    private static List<CanaryRule> rulesFor(Scenario scenario) {
        return List.of(new JudgeRule(scenario.weight()), new ThresholdRule(6, 0), new ThresholdRule(6, 4),
                new MannWhitneyRule());
    }

    private static String median(List<Double> seconds) {
        if (seconds.isEmpty()) {
            return "–";
        }
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double m = sorted[sorted.length / 2];
        return m >= 60 ? String.format(Locale.ROOT, "%.1f min", m / 60) : String.format(Locale.ROOT, "%.0f s", m);
    }
}
