package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.it.ApiServerTest;
import io.jenkins.plugins.grayrelease.core.it.RbacFixture;
import io.jenkins.plugins.grayrelease.core.it.RbacUser;
import io.jenkins.plugins.grayrelease.core.it.ReadmeRbac;
import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.core.testing.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every grayctl command that talks to a cluster, run against a real API server (RBAC) as a user
 * bound to exactly the README's Role, through a kubeconfig holding only that user's token. Also
 * exercises the target options for other layouts: --virtual-service NS/NAME,
 * --stable-host/--canary-host, --canary-version, --layout.
 */
@ApiServerTest
class LeastPrivilegeCommandsTest {

    @TempDir
    Path dir;

    private static CliRun grayctl(Path kubeconfig, String ns, String... args) {
        List<String> all = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString(), "-n", ns));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    private static void ok(CliRun run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void everyCommandRunsAsAUserBoundToExactlyTheReadmesRole(RealApiServer server) throws IOException {
        String ns = RbacFixture.prepare(server, "cli-rbac");
        ReadmeRbac.Block role = ReadmeRbac.block(ReadmeRbac.SERVICE_NAMESPACE_BLOCK);
        RbacUser user = RbacUser.bound(server, ns, role, RbacFixture.GATEWAY_NS);
        RbacFixture.awaitBinding(user, role, ns, null);
        Path kc = user.kubeconfig(dir);

        ok(grayctl(kc, ns, "status", "reviews", "--stable", "v1"));
        // No controller runs beside this API server: deploy does not wait for pods that never come.
        ok(grayctl(kc, ns, "deploy", "reviews", "--image", "example.org/reviews:3.0", "--version", "v3", "--stable", "v1", "--canary", "v3",
                "--no-wait"));
        ok(grayctl(kc, ns, "deploy", "reviews", "--image", "example.org/reviews:3.1", "--version", "v3", "--replicas", "2",
                "--stable", "v1", "--canary", "v3", "--no-wait"));
        ok(grayctl(kc, ns, "status", "reviews", "--watch", "--timeout", "1s"));
        // The bare API server runs no Deployment controller: the test reports the canary rolled out.
        Workloads.rolloutDone(server.client(), ns, "reviews-v3");
        CliRun dry = grayctl(kc, ns, "-o", "json", "weight", "reviews", "10", "--stable", "v1", "--canary", "v3", "--add-canary-subset", "--dry-run");
        ok(dry);
        assertThat(dry.json().get("serverValidated").asBoolean()).as(dry.toString()).isTrue();
        ok(grayctl(kc, ns, "weight", "reviews", "10", "--stable", "v1", "--canary", "v3", "--add-canary-subset"));
        // list: the README's Role lists VirtualServices but not HTTPRoutes, which this server serves: those are named as not listed.
        CliRun list = grayctl(kc, ns, "list");
        ok(list);
        assertThat(list.out()).containsPattern("(?m)^reviews +VirtualService +\\S+ +PROGRESSING +10% +v1 → v3 ");
        assertThat(list.err()).isEqualTo("note: HTTPRoute releases are not listed: " + user.username()
                + " cannot list httproutes.gateway.networking.k8s.io in namespace " + ns + "\n");
        ok(grayctl(kc, ns, "testers", "reviews", "--header", "x-canary=yes"));
        ok(grayctl(kc, ns, "mirror", "reviews", "10"));
        ok(grayctl(kc, ns, "mirror", "reviews", "0"));
        ok(grayctl(kc, ns, "testers", "reviews", "--remove"));
        ok(grayctl(kc, ns, "rollback", "reviews"));
        Path plan = Files.writeString(dir.resolve("plan.yaml"), """
                target: {namespace: %s, service: reviews, stable: v1, canary: v3}
                steps:
                  - setWeight: 20
                  - setWeight: 50
                """.formatted(ns));
        ok(grayctl(kc, ns, "rollout", "-f", plan.toString(), "--yes"));

        // Two hosts, named with --stable-host/--canary-host; promote --cleanup deletes the old Deployment.
        ok(grayctl(kc, ns, "deploy", "checkout", "--image", "example.org/checkout:2", "--version", "v2",
                "--stable-host", "checkout-stable", "--canary-host", "checkout-canary", "--no-wait"));
        Workloads.rolloutDone(server.client(), ns, "checkout-v2");
        CliRun twoHosts = grayctl(kc, ns, "-o", "json", "weight", "checkout", "30", "--stable-host", "checkout-stable", "--canary-host", "checkout-canary");
        ok(twoHosts);
        assertThat(twoHosts.json().get("canary").get("host").asText()).isEqualTo("checkout-canary");
        ok(grayctl(kc, ns, "promote", "checkout", "--cleanup"));
        assertThat(server.client().apps().deployments().inNamespace(ns).withName("checkout-stable").get()).isNull();

        // Fixed subsets: the canary version is set on the canary subset; promotion moves the stable subset's labels.
        CliRun fixed = grayctl(kc, ns, "-o", "json", "weight", "details", "10", "--canary-version", "v2", "--layout", "fixed-subsets");
        ok(fixed);
        assertThat(fixed.json().get("canary").get("subset").asText()).isEqualTo("canary");
        ok(grayctl(kc, ns, "promote", "details"));
        CliRun fixedStatus = grayctl(kc, ns, "-o", "json", "status", "details");
        ok(fixedStatus);
        assertThat(fixedStatus.json().get("phase").asText()).isEqualTo("PROMOTED");

        // The gateway VirtualService in istio-system, with the README's routes Role there.
        String vs = RbacFixture.GATEWAY_NS + "/gw-" + ns;
        CliRun gateway = grayctl(kc, ns, "-o", "json", "weight", "reviews", "5", "--virtual-service", vs, "--route", "reviews",
                "--stable", "v1", "--canary", "v3");
        ok(gateway);
        assertThat(gateway.json().get("routingObject").asText()).isEqualTo(vs);
        assertThat(gateway.json().get("canary").get("host").asText()).isEqualTo("reviews." + ns + ".svc.cluster.local");
        ok(grayctl(kc, ns, "status", "reviews", "--virtual-service", vs, "--route", "reviews"));
    }

    @Test
    void aRefusedRequestNamesTheVerbResourceAndNamespace(RealApiServer server) {
        String ns = RbacFixture.prepare(server, "cli-rbac-less");
        ReadmeRbac.Block less = ReadmeRbac.block(ReadmeRbac.SERVICE_NAMESPACE_BLOCK).without("patch virtualservices.networking.istio.io");
        RbacUser user = RbacUser.bound(server, ns, less, null);
        RbacFixture.awaitBinding(user, less, ns, "patch virtualservices.networking.istio.io");

        CliRun run = grayctl(user.kubeconfig(dir), ns, "weight", "reviews", "10", "--stable", "v1", "--canary", "v2");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("error: " + ns + "/VirtualService/reviews: permission denied (403): " + user.username()
                + " cannot patch virtualservices.networking.istio.io in namespace " + ns
                + "; nothing of this operation was written by this request");
        assertThat(run.err()).contains("hint: Grant 'patch' on virtualservices.networking.istio.io in namespace " + ns);
    }
}
