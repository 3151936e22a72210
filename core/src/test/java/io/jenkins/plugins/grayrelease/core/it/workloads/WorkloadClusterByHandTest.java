package io.jenkins.plugins.grayrelease.core.it.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.it.TestBinaries;
import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "By hand" commands of docs/workloads-cluster.md, run as they stand: tools/workloads-cluster.sh
 * starts the control plane, kubectl rolls out a Deployment and makes its pods crash-loop, and the
 * script stops exactly what it started.
 */
@Tag("workloads")
class WorkloadClusterByHandTest {

    private static final Path DOC = Path.of("docs", "workloads-cluster.md");

    @Test
    void theDocumentedCommandsStartAClusterThatRollsOutADeploymentAndStopIt(@TempDir Path tmp) throws Exception {
        TestBinaries binaries = TestBinaries.fromEnvironment().requirePresent().requireWorkloads();
        Path root = repositoryRoot();
        String commands = DocPages.firstBlock("docs/workloads-cluster.md", "By hand", "bash");
        Path clusterDir = tmp.resolve("gray-release-cluster");
        Path output = tmp.resolve("output.txt");
        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", commands).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = bash.environment();
        env.put("PATH", binaries.kubectl().getParent() + ":" + env.get("PATH"));
        env.put("TMPDIR", tmp.toString());
        env.put("API_PORT", String.valueOf(freePort()));
        env.put("ETCD_PORT", String.valueOf(freePortPair()));
        env.remove("KUBECONFIG");

        Process process = bash.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        try {
            assertThat(finished).as("the commands finished within 5 minutes; they printed:%n%s", printed).isTrue();
            assertThat(process.exitValue()).as("exit status; they printed:%n%s", printed).isZero();
            assertThat(printed).containsPattern("kwok-node-0 +Ready").containsPattern("kwok-node-2 +Ready")
                    .contains("deployment \"web\" successfully rolled out")
                    .containsPattern("web-\\S+ +0/1 +CrashLoopBackOff")
                    .contains("workloads-cluster: stopped; removed " + clusterDir);
            assertThat(clusterDir).doesNotExist();
        } finally {
            if (!finished) {
                process.destroyForcibly();
            }
            if (Files.exists(clusterDir.resolve("pids"))) {
                // The commands failed half-way: stop what the script started before the temp dir goes.
                new ProcessBuilder("bash", "tools/workloads-cluster.sh", "stop", clusterDir.toString())
                        .directory(root.toFile()).inheritIO().start().waitFor(1, TimeUnit.MINUTES);
            }
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(DOC))) {
                return dir;
            }
        }
        throw new IllegalStateException(DOC + " not found above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A port whose successor was free too (etcd's peer port), a moment ago. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = freePort();
            try (ServerSocket next = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no two adjacent free ports on 127.0.0.1");
    }
}
