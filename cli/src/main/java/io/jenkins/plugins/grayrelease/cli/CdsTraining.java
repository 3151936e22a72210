package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.sandbox.SampleApplication;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKubeconfig;
import io.jenkins.plugins.grayrelease.sandbox.SandboxServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run behind grayctl's class-data-sharing archive, run at package time with
 * {@code -XX:ArchiveClassesAtExit}: {@code status}, {@code weight} and a dry run against an
 * in-process sandbox, then {@code status} and {@code weight} against one served over TLS, through the same command line, client and engine as a real command, so the
 * archive holds the classes those commands load (parsed and verified once, at build time).
 * Not a grayctl command.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    /** @param args the file to write the archive's JVM into (the real path of its {@code bin/java}), for the launcher */
    public static void main(String[] args) throws Exception {
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), Path.of(System.getProperty("java.home"), "bin", "java").toRealPath() + "\n");
        }
        train(SandboxServer.start(), true);
        // A real cluster is reached over TLS: its handshake and the client's TLS set-up load some 650 JDK classes.
        train(SandboxServer.startWithTls(), false);
        System.exit(0);
    }

    private static void train(SandboxServer server, boolean everything) throws Exception {
        try (SandboxServer sandbox = server; KubernetesClient client = sandbox.newClient()) {
            SampleApplication.install(client);
            Path kubeconfig = SandboxKubeconfig.writeTemporary(sandbox.url(), SampleApplication.NAMESPACE);
            try {
                String k = kubeconfig.toString();
                run("--kubeconfig", k, "status", SampleApplication.SERVICE);
                run("--kubeconfig", k, "weight", SampleApplication.SERVICE, "10", "--stable", "v1", "--canary", "v2");
                if (everything) {
                    run("--kubeconfig", k, "weight", SampleApplication.SERVICE, "20", "--dry-run");
                    run("--kubeconfig", k, "-o", "json", "status", SampleApplication.SERVICE);
                    run("--kubeconfig", k, "weight", SampleApplication.SERVICE, "101"); // an error, reported
                    run("--help"); // builds every command (a command line builds only its own): their classes too
                }
            } finally {
                Files.deleteIfExists(kubeconfig);
            }
        }
    }

    private static void run(String... args) {
        StringWriter sink = new StringWriter();
        Terminal quiet = new Terminal(new BufferedReader(new StringReader("")), new PrintWriter(sink), new PrintWriter(sink), false);
        GrayCtl.run(quiet, args);
    }
}
