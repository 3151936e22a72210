package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKubeconfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures of the cluster rather than of the input: exit 1, one readable line and a hint. The
 * server here answers from fixed expectations, so it can refuse every write.
 */
class ApiFailuresTest {

    private static final String VS_PATH = "/apis/networking.istio.io/v1/namespaces/demo/virtualservices/reviews";
    private static final String DR_PATH = "/apis/networking.istio.io/v1/namespaces/demo/destinationrules/reviews";

    private final KubernetesMockServer server = new KubernetesMockServer(false);

    @TempDir
    Path dir;

    private Path kubeconfig;

    @BeforeEach
    void serveTheSampleForReading() throws Exception {
        server.init(InetAddress.getLoopbackAddress(), 0);
        for (HasMetadata object : SampleApplication.objects()) {
            object.getMetadata().setResourceVersion("7");
            if (object.getKind().equals("VirtualService")) {
                server.expect().get().withPath(VS_PATH).andReturn(200, object).always();
            } else if (object.getKind().equals("DestinationRule")) {
                server.expect().get().withPath(DR_PATH).andReturn(200, object).always();
            }
        }
        kubeconfig = Files.writeString(dir.resolve("kubeconfig"),
                SandboxKubeconfig.content("http://127.0.0.1:" + server.getPort(), "demo"));
    }

    @AfterEach
    void stopServer() {
        server.destroy();
    }

    @Test
    void conflictOnEveryAttemptFailsWithExitOneAndSaysNothingWasWritten() {
        server.expect().patch().withPath(VS_PATH).andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict")
                .withMessage("the object has been modified").build()).always();

        CliRun run = CliRun.run("--kubeconfig", kubeconfig.toString(), "weight", "reviews", "10", "--stable", "v1", "--canary", "v2",
                // This mock server holds only the routing objects: the write's failure is the subject.
                "--no-readiness-gate");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("error: demo/VirtualService/reviews: metadata.resourceVersion: changed by someone else")
                .contains("nothing of this operation was written").contains("\nhint: ").doesNotContain("\tat ");
    }

    @Test
    void serverErrorOnWriteFailsWithExitOne() {
        server.expect().patch().withPath(VS_PATH).andReturn(500, new StatusBuilder().withCode(500).withReason("InternalError")
                .withMessage("etcdserver: request timed out").build()).always();

        CliRun run = CliRun.run("--kubeconfig", kubeconfig.toString(), "weight", "reviews", "10", "--stable", "v1", "--canary", "v2",
                // This mock server holds only the routing objects: the write's failure is the subject.
                "--no-readiness-gate");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).startsWith("» setting demo/VirtualService/reviews").contains("error: demo/VirtualService/reviews")
                .contains("\nhint: ");
    }

    @Test
    void forbiddenReadFailsWithExitOneNamingTheObject() {
        server.expect().get().withPath("/apis/networking.istio.io/v1/namespaces/demo/virtualservices/ratings")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("virtualservices is forbidden").build())
                .always();

        CliRun run = CliRun.run("--kubeconfig", kubeconfig.toString(), "status", "ratings");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: demo/VirtualService/ratings").contains("\nhint: ");
    }

    @Test
    void aRefusedConnectionIsReportedAtOnceNamingTheServerItsContextAndTheCause() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        Path nowhere = Files.writeString(dir.resolve("nowhere"), SandboxKubeconfig.content(url, "demo"));

        CliRun run = CliRun.run("--kubeconfig", nowhere.toString(), "weight", "reviews", "10", "--stable", "v1", "--canary", "v2");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("» setting demo/VirtualService/reviews: canary weight 10 %\n"
                + "error: cannot reach the API server " + url + " (context grayctl-sandbox): connection refused\n"
                + "hint: Is the API server running at that address? Check the context and the kubeconfig that name it"
                + " (--context, --kubeconfig)\n");
    }
}
