package io.jenkins.plugins.grayrelease.core.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.utils.Utils;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The user's own kubeconfig, found and checked as kubectl does before fabric8 loads it:
 * {@code --kubeconfig FILE}, else every file of {@code KUBECONFIG} (several joined by the path
 * separator, missing ones skipped), else {@code ~/.kube/config}. Several files merge as kubectl
 * merges them: the first file to define a context, cluster or user wins, and the current context
 * is the first file's that sets one (fabric8 merges the same way; this class only checks).
 *
 * <p>What kubectl would refuse is refused here with the file, the context and the missing entry
 * named, instead of a client aimed at nowhere: no kubeconfig at all, no current context, a context
 * whose cluster or user no file defines. Only files are read: no program is run here.
 */
final class LocalKubeconfig {

    /** fabric8's name for KUBECONFIG: the system property {@code kubeconfig}, else the environment variable. */
    private static final String KUBECONFIG = Config.KUBERNETES_KUBECONFIG_FILE;
    private static final String FIX_MISSING = "Give one with --kubeconfig FILE, or set KUBECONFIG to your kubeconfig file(s)"
            + " (several separated by '" + File.pathSeparator + "')";

    private final List<Path> files;
    /** Per list (contexts, clusters, users): each name with the file that defines it first. */
    private final Map<String, Map<String, Defined>> entries = new LinkedHashMap<>();
    private String currentContext = "";

    private record Defined(Path file, JsonNode entry) {
    }

    private LocalKubeconfig(List<Path> files) {
        this.files = files;
    }

    /**
     * The client configuration for {@code context} (null: the current one) from {@code explicitFile}
     * or the default files; null when there is no kubeconfig but this process runs in a pod (fabric8
     * then uses the service account).
     *
     * @throws InvalidReleaseException naming the files looked at, the context and the missing entry
     */
    static Config config(String explicitFile, String context) {
        List<Path> candidates = explicitFile != null ? List.of(Path.of(explicitFile)) : defaultFiles();
        List<Path> existing = candidates.stream().filter(Files::isRegularFile).toList();
        if (existing.isEmpty()) {
            if (explicitFile == null && System.getenv("KUBERNETES_SERVICE_HOST") != null) {
                return null;
            }
            throw noKubeconfig(explicitFile, candidates);
        }
        LocalKubeconfig merged = new LocalKubeconfig(existing);
        existing.forEach(merged::read);
        String chosen = merged.check(context);
        try {
            // fabric8 reads certificate paths relative to the file that names them, and runs exec plugins: the user's own.
            return explicitFile != null || existing.size() == 1
                    ? Config.fromKubeconfig(chosen, existing.get(0).toFile())
                    : Config.autoConfigure(chosen);
        } catch (RuntimeException e) {
            throw new InvalidReleaseException(null, "kubeconfig", "the kubeconfig " + merged.names() + " cannot be loaded ("
                    + ClusterConnector.firstLine(e) + ")", "Give a kubeconfig file as written by kubectl");
        }
    }

    /** KUBECONFIG's files in order (empty entries skipped, as kubectl does), else ~/.kube/config. */
    private static List<Path> defaultFiles() {
        return Config.getKubeconfigFilenames().stream().filter(name -> !name.isBlank()).map(Path::of).toList();
    }

    private static InvalidReleaseException noKubeconfig(String explicitFile, List<Path> lookedAt) {
        if (explicitFile != null) {
            return new InvalidReleaseException(null, "kubeconfig", "cannot read kubeconfig file " + explicitFile
                    + (Files.exists(Path.of(explicitFile)) ? " (not a file)" : " (no such file)"),
                    "Check the path given with --kubeconfig");
        }
        String where = Utils.getSystemPropertyOrEnvVar(KUBECONFIG) != null
                ? "KUBECONFIG names " + join(lookedAt) + (lookedAt.size() == 1 ? ", which does not exist" : ", none of which exists")
                : "KUBECONFIG is not set and " + join(lookedAt) + " does not exist";
        return new InvalidReleaseException(null, "kubeconfig", "no kubeconfig found: " + where, FIX_MISSING);
    }

    private void read(Path file) {
        JsonNode doc;
        try {
            doc = new YAMLMapper().readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new InvalidReleaseException(null, "kubeconfig", "the kubeconfig file " + file + " is not a kubeconfig document ("
                    + ClusterConnector.firstLine(e) + ")", "Give a kubeconfig file as written by kubectl");
        }
        if (doc == null || !doc.isObject()) {
            return; // an empty file adds nothing, as for kubectl
        }
        for (String list : List.of("contexts", "clusters", "users")) {
            Map<String, Defined> named = entries.computeIfAbsent(list, k -> new LinkedHashMap<>());
            for (JsonNode entry : doc.path(list)) {
                named.putIfAbsent(entry.path("name").asText(""), new Defined(file, entry));
            }
        }
        if (currentContext.isEmpty()) {
            currentContext = doc.path("current-context").asText("");
        }
    }

    /** The context to use, after checking that it, its cluster and its user are defined. */
    private String check(String wanted) {
        Map<String, Defined> contexts = entries.getOrDefault("contexts", Map.of());
        String existing = String.join(", ", new TreeSet<>(contexts.keySet()));
        String name = wanted == null || wanted.isBlank() ? currentContext : wanted;
        if (name.isEmpty()) {
            throw new InvalidReleaseException(null, "context", contexts.isEmpty() ? "the kubeconfig " + names() + " has no contexts"
                    : "the kubeconfig " + names() + " has no current-context; its contexts: " + existing,
                    contexts.isEmpty() ? "Add one with 'kubectl config set-context NAME --cluster=CLUSTER --user=USER', "
                            + "or give another file with --kubeconfig" : "Name one with --context, or set one with 'kubectl config use-context NAME'");
        }
        Defined context = contexts.get(name);
        if (context == null) {
            throw new InvalidReleaseException(null, "context", "the kubeconfig has no context named '" + name + "'"
                    + (existing.isEmpty() ? " (it has no contexts)" : "; its contexts: " + existing),
                    "Pick one of its contexts, or name none for its current context");
        }
        requireEntry(name, context, "cluster", "clusters", "kubectl config set-cluster %s --server=URL");
        requireEntry(name, context, "user", "users", "kubectl config set-credentials %s ...");
        return name;
    }

    private void requireEntry(String contextName, Defined context, String field, String list, String addCommand) {
        String wanted = context.entry().path("context").path(field).asText("");
        Map<String, Defined> defined = entries.getOrDefault(list, Map.of());
        if (wanted.isEmpty() && "user".equals(field)) {
            return; // a context without a user: kubectl connects anonymously, so do we
        }
        if (!defined.containsKey(wanted)) {
            String whereDefined = defined.isEmpty() ? ", but the kubeconfig " + names() + " defines no " + list
                    : ", which the kubeconfig " + names() + " does not define";
            throw new InvalidReleaseException(null, "kubeconfig", "context '" + contextName + "' (in " + context.file() + ") names "
                    + field + " '" + wanted + "'" + whereDefined,
                    "Add it with '" + addCommand.formatted(wanted.isEmpty() ? "NAME" : wanted)
                            + "', or pick another context with --context");
        }
    }

    /** The files read, for messages: {@code (a)} or {@code (a, b)}. */
    private String names() {
        return "(" + join(files) + ")";
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

}
