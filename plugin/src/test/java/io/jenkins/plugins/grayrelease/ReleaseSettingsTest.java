package io.jenkins.plugins.grayrelease;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import org.junit.jupiter.api.Test;

/** withGrayRelease blocks nest: inner values win, the rest comes from outside. */
class ReleaseSettingsTest {

    @Test
    void anInnerBlockKeepsTheOuterClusterAccess() {
        ReleaseSettings outer = ReleaseSettings.builder().namespace("shop").service("reviews").credentialsId("k8s")
                .serverUrl("https://k8s.example.com").build();
        ReleaseSettings inner = ReleaseSettings.builder().service("ratings").canary("v3").build();

        ReleaseSettings merged = inner.over(outer);

        assertThat(merged.getService()).isEqualTo("ratings");
        assertThat(merged.getNamespace()).isEqualTo("shop");
        assertThat(merged.getCredentialsId()).isEqualTo("k8s");
        assertThat(merged.getCanary()).isEqualTo("v3");
    }

    @Test
    void subsetsLiveOnTheServiceHostUnlessAHostIsGiven() {
        ReleaseTarget subsets = ReleaseSettings.builder().service("reviews").stable("v1").canary("v2").build().toTarget("shop");
        ReleaseTarget hosts = ReleaseSettings.builder().service("checkout").stableHost("checkout-stable")
                .canaryHost("checkout-canary").build().toTarget("shop");

        assertThat(subsets.stable()).isEqualTo(Destination.subset("reviews", "v1"));
        assertThat(subsets.canary()).isEqualTo(Destination.subset("reviews", "v2"));
        assertThat(hosts.canary()).isEqualTo(Destination.host("checkout-canary"));
    }

    @Test
    void theConfigurationsNamespaceIsUsedWhenNoneIsGiven() {
        assertThat(ReleaseSettings.builder().service("reviews").build().toTarget("team-a").namespace()).isEqualTo("team-a");
    }

    @Test
    void blankFormFieldsCountAsUnset() {
        ReleaseSettings s = ReleaseSettings.builder().service("reviews").route("  ").credentialsId("").build();
        assertThat(s.getRoute()).isNull();
        assertThat(s.getCredentialsId()).isNull();
    }
}
