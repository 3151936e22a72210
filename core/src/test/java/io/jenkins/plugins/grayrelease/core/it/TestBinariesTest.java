package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs without a server: a machine without the binaries gets told how to build them. */
class TestBinariesTest {

    @Test
    void missingBinariesFailNamingTheFileAndTheCommandThatBuildsThem(@TempDir Path emptyCache) {
        assertThatThrownBy(() -> new TestBinaries(emptyCache).requirePresent())
                .isInstanceOf(MissingTestBinariesException.class)
                .hasMessageContaining(emptyCache.resolve("kube-api-test/k8s/" + TestBinaries.KUBERNETES_VERSION
                        + "-linux-amd64/kube-apiserver").toString())
                .hasMessageContaining("bash .ci/kube-binaries.sh")
                .hasMessageContaining("GRAY_RELEASE_CACHE");
    }

    @Test
    void missingIstiodFailsNamingTheFileAndTheCommandThatBuildsIt(@TempDir Path emptyCache) {
        assertThatThrownBy(() -> new TestBinaries(emptyCache).requireIstiod())
                .isInstanceOf(MissingTestBinariesException.class)
                .hasMessageContaining(emptyCache.resolve("istio/pilot-discovery").toString())
                .hasMessageContaining(emptyCache.resolve("istio/xds-client").toString())
                .hasMessageContaining("bash .ci/kube-binaries.sh");
    }

    @Test
    void missingControlPlaneBinariesFailNamingTheFilesAndTheCommandThatBuildsThem(@TempDir Path emptyCache) {
        assertThatThrownBy(() -> new TestBinaries(emptyCache).requireWorkloads())
                .isInstanceOf(MissingTestBinariesException.class)
                .hasMessageContaining(emptyCache.resolve("kube-api-test/k8s/" + TestBinaries.KUBERNETES_VERSION
                        + "-linux-amd64/kube-controller-manager").toString())
                .hasMessageContaining(emptyCache.resolve("kube-api-test/k8s/" + TestBinaries.KUBERNETES_VERSION
                        + "-linux-amd64/kube-scheduler").toString())
                .hasMessageContaining(emptyCache.resolve("kwok/kwok").toString())
                .hasMessageContaining("bash .ci/kube-binaries.sh");
    }
}
