package io.jenkins.plugins.grayrelease;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.TargetSettings.Field;
import org.junit.jupiter.api.Test;

/** withGrayRelease blocks nest: inner values win, the rest (cluster access too) comes from outside. */
class ReleaseSettingsTest {

    @Test
    void anInnerBlockKeepsTheOuterClusterAccess() {
        ReleaseSettings outer = ReleaseSettings.EMPTY.with(Field.NAMESPACE, "shop").with(Field.SERVICE, "reviews")
                .withCredentialsId("k8s").withServerUrl("https://k8s.example.com");
        ReleaseSettings inner = ReleaseSettings.EMPTY.with(Field.SERVICE, "ratings").with(Field.CANARY, "v3");

        ReleaseSettings merged = inner.over(outer);

        assertThat(merged.getService()).isEqualTo("ratings");
        assertThat(merged.getNamespace()).isEqualTo("shop");
        assertThat(merged.getCredentialsId()).isEqualTo("k8s");
        assertThat(merged.getServerUrl()).isEqualTo("https://k8s.example.com");
        assertThat(merged.get(Field.CANARY)).isEqualTo("v3");
        assertThat(merged.namesNoCluster()).isFalse();
    }

    @Test
    void blankFormFieldsCountAsUnset() {
        ReleaseSettings s = ReleaseSettings.EMPTY.with(Field.SERVICE, "reviews").with(Field.ROUTE, "  ").withCredentialsId("");
        assertThat(s.get(Field.ROUTE)).isNull();
        assertThat(s.getCredentialsId()).isNull();
        assertThat(s.namesNoCluster()).isTrue();
    }
}
