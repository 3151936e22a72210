package io.jenkins.plugins.grayrelease.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kubeconfig for the sandbox, so that grayctl (or kubectl) in another shell can reach it.
 * The sandbox checks no credentials, so the user entry is empty: there is nothing secret here.
 * Over https ({@link SandboxServer#startWithTls()}) its certificate is a throwaway one made up by the
 * mock server, so the cluster entry skips verifying it.
 */
public final class SandboxKubeconfig {

    private SandboxKubeconfig() {
    }

    public static String content(String serverUrl, String namespace) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: grayctl-sandbox
                  cluster:
                    server: %s%s
                contexts:
                - name: grayctl-sandbox
                  context:
                    cluster: grayctl-sandbox
                    user: grayctl-sandbox
                    namespace: %s
                current-context: grayctl-sandbox
                users:
                - name: grayctl-sandbox
                  user: {}
                """.formatted(serverUrl, serverUrl.startsWith("https:") ? "\n    insecure-skip-tls-verify: true" : "", namespace);
    }

    /** Writes it to a new temporary file, removed when the JVM exits. */
    public static Path writeTemporary(String serverUrl, String namespace) {
        try {
            Path file = Files.createTempFile("grayctl-sandbox-", ".kubeconfig");
            Files.writeString(file, content(serverUrl, namespace));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
