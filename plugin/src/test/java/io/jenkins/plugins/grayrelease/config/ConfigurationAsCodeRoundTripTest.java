package io.jenkins.plugins.grayrelease.config;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toStringFromYamlFile;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.yaml.YamlSource;
import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Configuration as Code sets the global Gray Release defaults ({@code unclassified: grayRelease}), as docs/jenkins.md shows, and exports them back. */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeRoundTripTest {

    @Test
    @ConfiguredWithCode("casc.yaml")
    void configurationAsCodeSetsTheGlobalConfiguration(JenkinsConfiguredWithCodeRule r) throws Exception {
        GrayReleaseGlobalConfiguration c = GrayReleaseGlobalConfiguration.get();
        assertThat(c.getCredentialsId()).isEqualTo("k8s-token");
        assertThat(c.getServerUrl()).isEqualTo("https://kubernetes.example.com:6443");
        assertThat(c.getContext()).isNull();
        assertThat(c.getPrometheusUrl()).isEqualTo("http://prometheus.istio-system:9090");
        assertThat(c.getPrometheusCredentialsId()).isEqualTo("prom-token");
        assertThat(c.getApprovers()).isEqualTo("alice, release-managers");

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String exported = toYamlString(getUnclassifiedRoot(context).get("grayRelease"));
        assertThat(exported).isEqualTo(toStringFromYamlFile(this, "casc-expected.yaml"));
    }

    @Test
    void theDocumentedConfigurationSetsTheDefaults(JenkinsConfiguredWithCodeRule r) throws Exception {
        String documented = DocPages.firstBlock("docs/jenkins.md", "Defaults for all jobs", "yaml");

        ConfigurationAsCode.get().configureWith(YamlSource.of(new ByteArrayInputStream(documented.getBytes(StandardCharsets.UTF_8))));

        GrayReleaseGlobalConfiguration c = GrayReleaseGlobalConfiguration.get();
        assertThat(c.getCredentialsId()).isEqualTo("shop-kubeconfig");
        assertThat(c.getPrometheusUrl()).isEqualTo("http://prometheus.monitoring:9090");
        assertThat(c.getApprovers()).isEqualTo("release-managers");
    }
}
