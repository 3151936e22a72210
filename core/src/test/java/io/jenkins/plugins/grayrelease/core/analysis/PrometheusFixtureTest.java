package io.jenkins.plugins.grayrelease.core.analysis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture fails loudly: a Prometheus test must never pass, or be skipped, without its server and data. */
@Tag("prometheus")
class PrometheusFixtureTest {
    @TempDir
    Path dir;

    @Test
    void dataPromtoolCannotReadStopsTheTestWithPromtoolsOwnMessage() {
        assertThatThrownBy(() -> PrometheusFixture.start(dir, "istio_requests_total{ 1 not-openmetrics\n# EOF\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("promtool tsdb create-blocks-from openmetrics")
                .hasMessageContaining("failed");
    }
}
