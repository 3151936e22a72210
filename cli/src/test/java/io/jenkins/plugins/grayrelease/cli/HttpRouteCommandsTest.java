package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.cluster.RouteResources;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** grayctl on a Gateway API HTTPRoute ({@code --http-route}) in the sandbox. */
class HttpRouteCommandsTest extends SandboxCommandTest {

    @BeforeEach
    void installHttpRoute() {
        ObjectNode route = Variant.HTTP_ROUTE.tree("HTTPRoute");
        ((ObjectNode) route.get("metadata")).put("namespace", namespace);
        cluster.client().genericKubernetesResources(RouteResources.of(RouteKind.HTTP_ROUTE)).inNamespace(namespace)
                .resource(cluster.client().getKubernetesSerialization().convertValue(route, GenericKubernetesResource.class)).create();
        // The Services the rules send to, and their workloads.
        io.jenkins.plugins.grayrelease.sandbox.SandboxObjects.create(cluster.client(), namespace, Variant.HTTP_ROUTE.objects("Service"));
        io.jenkins.plugins.grayrelease.sandbox.SandboxObjects.create(cluster.client(), namespace, Variant.HTTP_ROUTE.objects("Deployment"));
    }

    @Test
    void listShowsTheHttpRoutesRecordedRelease() {
        grayctl("weight", "reviews", "10", "--http-route", "reviews", "--route", "main", "--stable", "reviews-stable",
                "--canary", "reviews-canary");

        CliRun run = grayctl("list");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("(?m)^reviews +HTTPRoute +main +PROGRESSING +10% +reviews-stable → reviews-canary +\\d+s ago ");
    }

    private JsonNode mainBackends() {
        GenericKubernetesResource stored = cluster.client().genericKubernetesResources(RouteResources.of(RouteKind.HTTP_ROUTE))
                .inNamespace(namespace).withName("reviews").get();
        JsonNode tree = cluster.client().getKubernetesSerialization().convertValue(stored, JsonNode.class);
        return tree.path("spec").path("rules").get(1).path("backendRefs");
    }

    @Test
    void weightSplitsTheHttpRoutesManagedRuleBetweenTheTwoServices() {
        CliRun run = grayctl("-o", "json", "weight", "reviews", "10", "--http-route", "reviews", "--route", "main",
                "--stable", "reviews-stable", "--canary", "reviews-canary");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("weights").toString()).isEqualTo("{\"stable\":90,\"canary\":10}");
        assertThat(mainBackends()).extracting(b -> b.path("name").asText() + "=" + b.path("weight").asInt())
                .containsExactly("reviews-stable=90", "reviews-canary=10");
        assertThat(run.err()).contains("» setting " + namespace + "/HTTPRoute/reviews: canary weight 10 %");
    }

    @Test
    void statusAndRollbackNeedOnlyTheHttpRouteAndRuleAfterAWeight() {
        grayctl("weight", "reviews", "25", "--http-route", "reviews", "--route", "main", "--stable", "reviews-stable",
                "--canary", "reviews-canary");

        CliRun status = grayctl("status", "reviews", "--http-route", "reviews", "--route", "main", "-o", "json");
        CliRun rollback = grayctl("rollback", "reviews", "--http-route", "reviews", "--route", "main", "-o", "json");

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.json().get("weights").toString()).isEqualTo("{\"stable\":75,\"canary\":25}");
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(rollback.json().get("phase").asText()).isEqualTo("ROLLED_BACK");
        assertThat(mainBackends()).extracting(b -> b.path("name").asText() + "=" + b.path("weight").asInt())
                .containsExactly("reviews-stable=100");
    }

    @Test
    void anHttpRouteWithAVirtualServiceIsAUsageErrorFoundBeforeConnecting() {
        CliRun run = CliRun.run("weight", "reviews", "10", "--http-route", "reviews", "--virtual-service", "reviews");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("error: release target: httpRoute 'reviews' and virtualService 'reviews' name two routing"
                + " objects; give either an HTTPRoute (Gateway API) or a VirtualService and DestinationRule (Istio)")
                .contains("hint: See 'grayctl weight --help' for --virtual-service, --http-route and --layout");
    }
}
