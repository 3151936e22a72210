package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KubernetesVersionTest {

    @Test
    void versionIsTheKubernetesRequirementOfTheWrapperModule() {
        String goMod = """
                module example/kube

                require (
                \tk8s.io/api v0.35.4 // indirect
                \tk8s.io/kubernetes v1.35.4 // indirect
                )
                """;
        assertThat(KubernetesVersion.parse(goMod, Path.of("go.mod"))).isEqualTo("1.35.4");
    }

    @Test
    void aGoModWithoutKubernetesIsAnErrorNamingTheFile() {
        assertThatThrownBy(() -> KubernetesVersion.parse("module example/kube\n", Path.of("tools/kube/go.mod")))
                .hasMessage("tools/kube/go.mod has no 'k8s.io/kubernetes vX.Y.Z' requirement");
    }

    @Test
    void theRepositoryPinsAReleaseTheFixtureCanFind() {
        assertThat(TestBinaries.KUBERNETES_VERSION).matches("\\d+\\.\\d+\\.\\d+");
    }
}
