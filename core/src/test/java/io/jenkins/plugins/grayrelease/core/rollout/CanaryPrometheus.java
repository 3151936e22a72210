package io.jenkins.plugins.grayrelease.core.rollout;

import io.jenkins.plugins.grayrelease.core.analysis.CanaryMetrics;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusFixture;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Prometheus serving the backfilled canary metrics ({@link CanaryMetrics}) for the tests of
 * one class: started before the first, stopped and its data deleted after the last. Register it
 * as a static {@code @RegisterExtension} field.
 */
public final class CanaryPrometheus implements BeforeAllCallback, AfterAllCallback {

    private final java.util.function.Supplier<String> openMetrics;
    private Path workDir;
    private PrometheusFixture prometheus;

    /** Serves {@link CanaryMetrics}. */
    public CanaryPrometheus() {
        this(CanaryMetrics::openMetrics);
    }

    /** Serves the given OpenMetrics text (with timestamps). */
    CanaryPrometheus(java.util.function.Supplier<String> openMetrics) {
        this.openMetrics = openMetrics;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        workDir = Files.createTempDirectory("canary-prometheus");
        prometheus = PrometheusFixture.start(workDir, openMetrics.get());
    }

    public URI url() {
        return prometheus.url();
    }

    /**
     * {@code plan} (a rollout plan's YAML) measured by this Prometheus: its {@code prometheus}
     * section added, with room for a busy machine in the query timeout.
     */
    String measuring(String plan) {
        return plan + "prometheus: {url: '" + url() + "', timeout: 5s}\n";
    }

    /**
     * A plan for {@code target} (the plan's target as a YAML flow map) that sends 10 % to the
     * canary, then measures its success rate twice (at least 99 %, two inconclusive tries allowed).
     */
    String successRatePlan(String target) {
        return measuring("""
                target: %s
                steps:
                  - setWeight: 10
                  - analysis:
                      interval: 10ms
                      count: 2
                      inconclusiveTries: 2
                      metrics:
                        - {name: success-rate, template: successRate, min: 99}
                """.formatted(target));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (prometheus != null) {
            prometheus.close();
        }
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
