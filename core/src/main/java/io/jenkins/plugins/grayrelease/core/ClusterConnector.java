package io.jenkins.plugins.grayrelease.core;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns a {@link ClusterAccess} into a fabric8 client; shared by grayctl and the Jenkins steps. */
public final class ClusterConnector {

    private ClusterConnector() {
    }

    public static KubernetesClient connect(ClusterAccess access) {
        return new KubernetesClientBuilder().withConfig(config(access)).build();
    }

    /** The fabric8 configuration for {@code access}; nothing is contacted yet. */
    public static Config config(ClusterAccess access) {
        Config config;
        if (access.kubeconfigContent() != null) {
            config = Config.fromKubeconfig(access.context(), access.kubeconfigContent(), null);
        } else if (access.kubeconfigFile() != null) {
            config = Config.fromKubeconfig(access.context(), readKubeconfig(access.kubeconfigFile()), access.kubeconfigFile());
        } else if (access.serverUrl() != null) {
            if (access.token() == null || access.token().isBlank()) {
                throw new InvalidReleaseException(null, "token",
                        "a server URL (" + access.serverUrl() + ") was given without a token",
                        "Give a token credential together with the server URL, or a kubeconfig instead");
            }
            config = new ConfigBuilder(Config.empty()).withMasterUrl(access.serverUrl())
                    .withOauthToken(access.token()).build();
        } else {
            config = Config.autoConfigure(access.context());
        }
        if (access.namespace() != null && !access.namespace().isBlank()) {
            config.setNamespace(access.namespace());
        }
        return config;
    }

    private static String readKubeconfig(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new InvalidReleaseException(null, "kubeconfig", "cannot read kubeconfig file " + file + " (" + e.getMessage() + ")",
                    "Check the path given with --kubeconfig or KUBECONFIG");
        }
    }
}
