package io.jenkins.plugins.grayrelease.core.cluster;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Turns a {@link ClusterAccess} into a fabric8 client; shared by grayctl and the Jenkins steps. */
public final class ClusterConnector {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ClusterConnector() {
    }

    public static KubernetesClient connect(ClusterAccess access) {
        return connect(access, null);
    }

    /**
     * A client for {@code access} over the HTTP client of {@code httpClients} (null: fabric8's
     * default); nothing is contacted yet.
     *
     * @throws InvalidReleaseException when the kubeconfig cannot be read, or the client cannot be
     *                                 set up from it (e.g. a certificate file it names is unreadable)
     */
    public static KubernetesClient connect(ClusterAccess access, HttpClient.Factory httpClients) {
        Config config = config(access);
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
            String content = withCurrentContext(access.kubeconfigContent(), access.context());
            // The content may be a secret: the error names the parser's failure, never the text.
            config = parsed("the kubeconfig content", false, () -> Config.fromKubeconfig(content));
        } else if (access.kubeconfigFile() != null) {
            File file = new File(access.kubeconfigFile());
            if (!Files.isReadable(file.toPath())) {
                throw new InvalidReleaseException(null, "kubeconfig", "cannot read kubeconfig file " + file
                        + (file.exists() ? " (not readable)" : " (no such file)"),
                        "Check the path given with --kubeconfig or KUBECONFIG");
            }
            // From the file itself, so that certificate paths in it stay relative to its folder.
            config = requireContext(parsed("the kubeconfig file " + file, true, () -> Config.fromKubeconfig(access.context(), file)),
                    access.context());
        } else if (access.serverUrl() != null) {
            if (access.token() == null || access.token().isBlank()) {
                throw new InvalidReleaseException(null, "token",
                        "a server URL (" + access.serverUrl() + ") was given without a token",
                        "Give a token credential together with the server URL, or a kubeconfig instead");
            }
            config = new ConfigBuilder(Config.empty()).withMasterUrl(access.serverUrl())
                    .withOauthToken(access.token()).build();
        } else {
            config = requireContext(parsed("the kubeconfig (KUBECONFIG or ~/.kube/config)", true,
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
     * @param sayWhy whether the error may quote the parser's first line (never for a secret)
     */
    private static Config parsed(String what, boolean sayWhy, Supplier<Config> read) {
        try {
            return read.get();
        } catch (GrayReleaseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidReleaseException(null, "kubeconfig", what + " is not a kubeconfig document ("
                    + (sayWhy ? firstLine(e) : e.getClass().getSimpleName()) + ")", "Give a kubeconfig file as written by kubectl");
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
     * The kubeconfig content with {@code context} as its current context (fabric8 reads content
     * with its current context only). Done on the parsed document, never on a file: the content
     * may be a Jenkins secret.
     */
    private static String withCurrentContext(String content, String context) {
        if (context == null || context.isBlank()) {
            return content;
        }
        io.fabric8.kubernetes.api.model.Config kubeconfig;
        try {
            kubeconfig = SERIALIZATION.unmarshal(content, io.fabric8.kubernetes.api.model.Config.class);
        } catch (RuntimeException e) {
            throw new InvalidReleaseException(null, "kubeconfig", "the kubeconfig content is not a kubeconfig document ("
                    + e.getClass().getSimpleName() + ")", "Give a kubeconfig file as written by kubectl");
        }
        if (kubeconfig == null || contextNames(kubeconfig.getContexts()).stream().noneMatch(context::equals)) {
            throw unknownContext(context, kubeconfig == null ? List.of() : kubeconfig.getContexts());
        }
        kubeconfig.setCurrentContext(context);
        return SERIALIZATION.asYaml(kubeconfig);
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
