package io.jenkins.plugins.grayrelease.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kubeconfig files with several contexts on one server, each context working in its own namespace. */
final class KubeconfigFiles {

    private KubeconfigFiles() {
    }

    /**
     * Writes {@code file} in {@code dir}: one cluster (the server) and user, a context per entry of
     * {@code contextNamespaces} ({@code context=namespace}), and {@code current} as current context
     * (null: none).
     */
    static Path write(Path dir, String file, String server, String current, String... contextNamespaces) {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\n");
        yaml.append("clusters:\n- name: sandbox\n  cluster:\n    server: ").append(server).append('\n');
        yaml.append("users:\n- name: sandbox\n  user: {}\n");
        yaml.append("contexts:\n");
        for (String pair : contextNamespaces) {
            String[] kv = pair.split("=", 2);
            yaml.append("- name: ").append(kv[0]).append("\n  context:\n    cluster: sandbox\n    user: sandbox\n    namespace: ")
                    .append(kv[1]).append('\n');
        }
        if (current != null) {
            yaml.append("current-context: ").append(current).append('\n');
        }
        try {
            return Files.writeString(dir.resolve(file), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
