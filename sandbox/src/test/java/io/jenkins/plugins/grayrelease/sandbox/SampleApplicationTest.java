package io.jenkins.plugins.grayrelease.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SampleApplicationTest {

    @RegisterExtension
    final CloseAfterEach closing = new CloseAfterEach();
    private final SandboxServer sandbox = closing.add(SandboxServer.start());
    private final KubernetesClient client = closing.add(sandbox.newClient());

    @ParameterizedTest
    @EnumSource(SampleApplication.Variant.class)
    void everyVariantInstallsEachOfItsObjectsIntoTheNamespaceItIsGiven(SampleApplication.Variant variant) {
        if (variant != SampleApplication.Variant.DEMO) { // the demo's variant brings its Namespace along
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build()).create();
        }

        variant.install(client, "team-a");

        for (HasMetadata object : variant.objects()) {
            CustomResourceDefinitionContext kind = SandboxKinds.of(object.getApiVersion(), object.getKind());
            String name = object.getMetadata().getName();
            HasMetadata stored = switch (object.getKind()) {
                case "Namespace" -> client.namespaces().withName("team-a").get();
                case "Service" -> client.services().inNamespace("team-a").withName(name).get();
                case "Deployment" -> client.apps().deployments().inNamespace("team-a").withName(name).get();
                default -> client.genericKubernetesResources(kind).inNamespace("team-a").withName(name).get();
            };
            assertThat(stored).as(object.getKind() + " " + name).isNotNull();
        }
    }

    @Test
    void theDocumentsOfEachKindAreTheFileVerbatimSoATestComparesWithExactlyWhatIsInstalled() {
        SampleApplication.Variant subsets = SampleApplication.Variant.SUBSETS;

        assertThat(String.join("---\n", subsets.yaml("Service"), subsets.yaml("Deployment"), subsets.yaml("DestinationRule"),
                subsets.yaml("VirtualService"))).isEqualTo(subsets.yaml());
        assertThat(subsets.tree("VirtualService").path("spec").path("http")).extracting(route -> route.path("name").asText())
                .containsExactly("jason", "ratings-api", "primary");
        assertThat(SampleApplication.Variant.HTTP_ROUTE.objects("Service")).extracting(s -> s.getMetadata().getName())
                .containsExactly("reviews-stable", "reviews-canary", "reviews-admin");
    }

    @Test
    void aKindTheVariantLacksOrHoldsSeveralTimesIsNamedInTheError() {
        assertThatThrownBy(() -> SampleApplication.Variant.FIXED_SUBSETS.yaml("HTTPRoute"))
                .hasMessage("sample-app-fixed-subsets.yaml holds no object of kind HTTPRoute");
        assertThatThrownBy(() -> SampleApplication.Variant.TWO_HOSTS.tree("Service"))
                .hasMessage("sample-app-two-hosts.yaml holds 2 objects of kind Service");
    }

    @Test
    void aDestinationRuleWithChosenSubsetsLabelsEachWithItsOwnName() throws Exception {
        JsonNode rule = new YAMLMapper().readTree(SampleApplication.Variant.SUBSETS.destinationRule("v1", "v3"));

        assertThat(rule.path("metadata").path("namespace").asText()).isEqualTo("shop");
        assertThat(rule.path("spec").path("host").asText()).isEqualTo("reviews");
        assertThat(rule.path("spec").path("subsets")).extracting(s -> s.path("labels").path("version").asText())
                .isEqualTo(List.of("v1", "v3"));
    }
}
