package io.jenkins.plugins.grayrelease.core.cluster;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Turns a {@link ClusterAccess} into a fabric8 client; shared by grayctl and the Jenkins steps. */
public final class ClusterConnector {

    private ClusterConnector() {
    }

    public static KubernetesClient connect(ClusterAccess access) {
        return build(config(access), null);
    }

    /**
     * A client for {@code access} over the HTTP client of {@code httpClients} (null: fabric8's
     * default); nothing is contacted yet.
     *
     * @throws InvalidReleaseException when the kubeconfig cannot be read, or the client cannot be
     *                                 set up from it (e.g. a certificate file it names is unreadable)
     */
    public static KubernetesClient connect(ClusterAccess access, HttpClient.Factory httpClients) {
        return build(config(access), httpClients);
    }

    /**
     * A client whose every request gives up after {@code timeout}, connecting and answering: for
     * a read someone waits on (a status page), where an API server that stalls must cost seconds,
     * not fabric8's default ten seconds per request.
     */
    public static KubernetesClient connect(ClusterAccess access, Duration timeout) {
        Config config = config(access);
        int millis = (int) Math.max(1, timeout.toMillis());
        config.setConnectionTimeout(millis);
        config.setRequestTimeout(millis);
        return build(config, null);
    }

    private static KubernetesClient build(Config config, HttpClient.Factory httpClients) {
        try {
            KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config);
            return (httpClients == null ? builder : builder.withHttpClientFactory(httpClients)).build();
        } catch (RuntimeException e) {
            throw new InvalidReleaseException(null, "kubeconfig", "cannot set up a Kubernetes client for "
                    + config.getMasterUrl() + " (" + firstLine(e) + ")",
                    "Check the cluster's certificates and credentials in the kubeconfig or credential");
        }
    }

    /**
     * The fabric8 configuration for {@code access}; nothing is contacted yet.
     *
     * @throws InvalidReleaseException when the kubeconfig cannot be read or has no context of the
     *                                 requested name (the message lists the ones it has)
     */
    public static Config config(ClusterAccess access) {
        Config config;
        if (access.kubeconfigContent() != null) {
            // Data only: fabric8's own loading would run exec commands and read the files the document names.
            config = KubeconfigData.toConfig(access.kubeconfigContent(), access.context());
        } else if (access.serverUrl() != null) {
            if (access.token() == null || access.token().isBlank()) {
                throw new InvalidReleaseException(null, "token",
                        "a server URL (" + access.serverUrl() + ") was given without a token",
                        "Give a token credential together with the server URL, or a kubeconfig instead");
            }
            // Config.empty(): nothing from this process's environment, system properties or files.
            config = new ConfigBuilder(Config.empty()).withMasterUrl(access.serverUrl())
                    .withOauthToken(access.token()).build();
        } else if (!access.localConfiguration()) {
            throw new InvalidReleaseException(null, "credentialsId", "no cluster credential was given"
                    + (access.context() == null ? "" : " (context '" + access.context() + "' alone names none)")
                    + ", and this process's own Kubernetes configuration may not be used",
                    "Name a kubeconfig (Secret file) or token (Secret text) credential");
        } else if (access.kubeconfigFile() != null) {
            File file = new File(access.kubeconfigFile());
            if (!Files.isReadable(file.toPath())) {
                throw new InvalidReleaseException(null, "kubeconfig", "cannot read kubeconfig file " + file
                        + (file.exists() ? " (not readable)" : " (no such file)"),
                        "Check the path given with --kubeconfig or KUBECONFIG");
            }
            // From the file itself, so that certificate paths in it stay relative to its folder.
            config = requireContext(parsed("the kubeconfig file " + file, () -> Config.fromKubeconfig(access.context(), file)),
                    access.context());
        } else {
            config = requireContext(parsed("the kubeconfig (KUBECONFIG or ~/.kube/config)",
                    () -> Config.autoConfigure(access.context())), access.context());
        }
        if (access.namespace() != null && !access.namespace().isBlank()) {
            config.setNamespace(access.namespace());
        }
        // The engine re-reads, re-plans and retries failed writes itself, within a bound; fabric8's
        // own retries underneath (10, backing off up to ~50 s each) turned one HTTP 500 into minutes of waiting.
        config.setRequestRetryBackoffLimit(0);
        return config;
    }

    /**
     * What fabric8 made of a kubeconfig; a document it cannot parse (fabric8 throws its own or
     * its YAML parser's exception) is invalid input naming the kubeconfig field.
     *
     * Only for the user's own files: the error quotes the parser's first line.
     */
    private static Config parsed(String what, Supplier<Config> read) {
        try {
            return read.get();
        } catch (GrayReleaseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidReleaseException(null, "kubeconfig", what + " is not a kubeconfig document ("
                    + firstLine(e) + ")", "Give a kubeconfig file as written by kubectl");
        }
    }

    /** The innermost cause's type and first line: fabric8 wraps what went wrong in "An error has occurred.". */
    private static String firstLine(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return message.isBlank() ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + message;
    }

    /**
     * fabric8 quietly falls back to the current context when the named one does not exist; for
     * a release tool that would mean acting on whatever cluster happens to be current.
     */
    private static Config requireContext(Config config, String wanted) {
        if (wanted == null || wanted.isBlank()) {
            return config;
        }
        NamedContext current = config.getCurrentContext();
        if (current == null || !wanted.equals(current.getName())) {
            throw unknownContext(wanted, config.getContexts());
        }
        return config;
    }

    private static InvalidReleaseException unknownContext(String wanted, List<NamedContext> contexts) {
        String existing = String.join(", ", contextNames(contexts));
        return new InvalidReleaseException(null, "context", "the kubeconfig has no context named '" + wanted + "'"
                + (existing.isEmpty() ? " (it has no contexts)" : "; its contexts: " + existing),
                "Pick one of its contexts, or name none for its current context");
    }

    private static List<String> contextNames(List<NamedContext> contexts) {
        return contexts == null ? List.of() : contexts.stream().map(NamedContext::getName).sorted().collect(Collectors.toList());
    }
}
