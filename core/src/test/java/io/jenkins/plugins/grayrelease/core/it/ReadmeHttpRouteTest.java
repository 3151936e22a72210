package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.testing.Yaml;
import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTPRoute section of docs/routing.md, as written there: its objects, its first command's result, its plan. */
@ApiServerTest
class ReadmeHttpRouteTest {

    static final String PAGE = "docs/routing.md";

    /** The ```yaml blocks of the section "Gateway API HTTPRoute" of docs/routing.md, in order. */
    private static List<String> yamlBlocks() {
        return DocPages.blocks(DocPages.section(PAGE, "Gateway API HTTPRoute"), "yaml");
    }

    @Test
    void theReadmesRouteAfterTenPercentIsWhatTheServerStores(RealApiServer server) throws IOException {
        String namespace = server.createNamespace("readme-httproute");
        KubernetesClient client = server.client();
        for (ObjectNode object : Yaml.documents(yamlBlocks().get(0))) {
            ((ObjectNode) object.get("metadata")).put("namespace", namespace);
            GenericKubernetesResource resource = client.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
            if ("HTTPRoute".equals(object.path("kind").asText())) {
                client.genericKubernetesResources(RouteResources.of(RouteKind.HTTP_ROUTE)).inNamespace(namespace).resource(resource).create();
            } else {
                client.resource(client.getKubernetesSerialization().asYaml(resource)).create();
            }
        }
        // The workloads behind the README's Services (which a user has already), reported rolled out.
        io.jenkins.plugins.grayrelease.sandbox.SandboxObjects.create(client, namespace, java.util.List.of(
                io.jenkins.plugins.grayrelease.core.testing.Workloads.deployment(namespace, "reviews-v1", java.util.Map.of("app", "reviews", "version", "v1"), 2),
                io.jenkins.plugins.grayrelease.core.testing.Workloads.deployment(namespace, "reviews-v2", java.util.Map.of("app", "reviews", "version", "v2"), 2)));
        ReleaseTarget target = ReleaseTarget.builder(namespace, "reviews").httpRoute("reviews").route("main")
                .stable(io.jenkins.plugins.grayrelease.core.Destination.host("reviews-stable"))
                .canary(io.jenkins.plugins.grayrelease.core.Destination.host("reviews-canary")).build();

        new GrayRelease(client, SampleRelease.ACTOR).setWeight(target, 10, WriteOptions.defaults());

        JsonNode stored = client.getKubernetesSerialization().convertValue(client.genericKubernetesResources(
                RouteResources.of(RouteKind.HTTP_ROUTE)).inNamespace(namespace).withName("reviews").get(), JsonNode.class);
        JsonNode documented = Yaml.node("rules:\n" + yamlBlocks().get(1)).get("rules").get(0);
        assertThat(HttpRouteRelease.rule(stored, "main")).isEqualTo(documented);
    }

    @Test
    void theReadmesPlanTargetsTheHttpRoute() throws IOException {
        var plan = new PlanParser().parse(yamlBlocks().get(2), PAGE);

        assertThat(plan.target().toReleaseTarget().routingRef().toString()).isEqualTo("shop/HTTPRoute/reviews");
        assertThat(plan.steps()).hasSize(3);
    }
}
