package io.jenkins.plugins.grayrelease.core.cluster;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.NamedContextBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A kubeconfig taken as data, as a Jenkins credential holds it: someone who may store a
 * credential must not be able to run a program on the machine that reads it, or make it read
 * that machine's files. So the document is read here with a plain YAML parser, and only inline
 * values are accepted: the server address, {@code certificate-authority-data},
 * {@code insecure-skip-tls-verify}, {@code client-certificate-data}, {@code client-key-data},
 * {@code token}, {@code username}/{@code password}. Anything else a user or cluster entry says
 * ({@code exec}, {@code auth-provider}, {@code client-key}, {@code client-certificate},
 * {@code certificate-authority}, {@code tokenFile}, …) is refused with the entry and field named,
 * before fabric8 sees anything: fabric8's own kubeconfig loading runs {@code exec} commands and
 * reads those files as it parses, and fills gaps from this process's environment.
 */
public final class KubeconfigData {

    static final Set<String> USER_FIELDS = Set.of("token", "client-certificate-data", "client-key-data", "username", "password");
    static final Set<String> CLUSTER_FIELDS = Set.of("server", "certificate-authority-data", "insecure-skip-tls-verify");
    private static final String FIX = "A kubeconfig in a Jenkins credential may hold only inline data (server, "
            + "certificate-authority-data, client-certificate-data, client-key-data, token); replace the field with its "
            + "*-data form or a token, e.g. from `kubectl config view --minify --flatten` and a ServiceAccount token";

    private KubeconfigData() {
    }

    /**
     * The client configuration for {@code context} (null: the document's current context),
     * built from the document's values alone: no environment variable, system property or file
     * of this process is consulted.
     *
     * @throws InvalidReleaseException when the document is not a kubeconfig, uses a field that is
     *                                 not inline data, or has no such context
     */
    public static Config toConfig(String content, String context) {
        JsonNode doc = parse(content);
        refuseAllButData(doc);
        String contextName = context == null || context.isBlank() ? doc.path("current-context").asText("") : context;
        JsonNode ctx = named(doc, "contexts", contextName);
        if (ctx == null) {
            throw unknownContext(contextName, doc);
        }
        JsonNode cluster = named(doc, "clusters", ctx.path("context").path("cluster").asText(""));
        if (cluster == null || cluster.path("cluster").path("server").asText("").isBlank()) {
            throw new InvalidReleaseException(null, "kubeconfig", "context '" + contextName + "' names cluster '"
                    + ctx.path("context").path("cluster").asText("") + "', which the kubeconfig does not define with a server",
                    "Add the cluster with its server address to the kubeconfig");
        }
        JsonNode c = cluster.path("cluster");
        JsonNode userEntry = named(doc, "users", ctx.path("context").path("user").asText(""));
        JsonNode u = userEntry == null ? null : userEntry.path("user");
        String keyData = text(u, "client-key-data");
        NamedContext current = new NamedContextBuilder().withName(contextName)
                .withNewContext().withCluster(ctx.path("context").path("cluster").asText(null))
                .withUser(ctx.path("context").path("user").asText(null))
                .withNamespace(ctx.path("context").path("namespace").asText(null)).endContext().build();
        ConfigBuilder builder = new ConfigBuilder(Config.empty())
                .withMasterUrl(c.path("server").asText())
                .withTrustCerts(c.path("insecure-skip-tls-verify").asBoolean(false))
                .withCaCertData(text(c, "certificate-authority-data"))
                .withClientCertData(text(u, "client-certificate-data"))
                .withClientKeyData(keyData)
                .withAutoOAuthToken(text(u, "token"))
                .withUsername(text(u, "username"))
                .withPassword(text(u, "password"))
                .withNamespace(current.getContext().getNamespace())
                .withCurrentContext(current)
                .withContexts(contextsOf(doc));
        if (keyData != null) {
            builder.withClientKeyAlgo(keyAlgorithm(keyData));
        }
        return builder.build();
    }

    private static JsonNode parse(String content) {
        JsonNode doc;
        try {
            doc = new YAMLMapper().readTree(content);
        } catch (JacksonException e) {
            // The content is a secret: the error says what kind of failure, never the parser's message (it quotes the text).
            throw notAKubeconfig("not valid YAML");
        }
        if (doc == null || !doc.isObject()) {
            throw notAKubeconfig("not a YAML mapping");
        }
        return doc;
    }

    private static InvalidReleaseException notAKubeconfig(String why) {
        return new InvalidReleaseException(null, "kubeconfig", "the kubeconfig content is not a kubeconfig document (" + why + ")",
                "Give a kubeconfig file as written by kubectl");
    }

    /** Every user and cluster entry, not only the chosen context's: the credential as a whole is data. */
    private static void refuseAllButData(JsonNode doc) {
        refuse(doc, "users", "user", USER_FIELDS);
        refuse(doc, "clusters", "cluster", CLUSTER_FIELDS);
    }

    private static void refuse(JsonNode doc, String list, String inner, Set<String> allowed) {
        for (JsonNode entry : doc.path(list)) {
            Set<String> refused = new TreeSet<>();
            for (Iterator<String> names = entry.path(inner).fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!allowed.contains(field) && !entry.path(inner).path(field).isNull()) {
                    refused.add(field);
                }
            }
            if (!refused.isEmpty()) {
                String name = entry.path("name").asText("?");
                throw new InvalidReleaseException(null, "kubeconfig " + list + "[" + name + "]." + inner + "." + refused.iterator().next(),
                        "the kubeconfig's " + inner + " '" + name + "' uses " + String.join(", ", refused)
                        + ", which would run a program or read a file where the kubeconfig is read; nothing was run or read", FIX);
            }
        }
    }

    private static JsonNode named(JsonNode doc, String list, String name) {
        for (JsonNode entry : doc.path(list)) {
            if (name.equals(entry.path("name").asText(null))) {
                return entry;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.hasNonNull(field)) {
            return null;
        }
        String v = node.get(field).asText();
        return v.isBlank() ? null : v;
    }

    private static List<NamedContext> contextsOf(JsonNode doc) {
        List<NamedContext> contexts = new ArrayList<>();
        for (JsonNode entry : doc.path("contexts")) {
            contexts.add(new NamedContextBuilder().withName(entry.path("name").asText(null)).withNewContext()
                    .withCluster(entry.path("context").path("cluster").asText(null))
                    .withUser(entry.path("context").path("user").asText(null))
                    .withNamespace(entry.path("context").path("namespace").asText(null)).endContext().build());
        }
        return contexts;
    }

    private static InvalidReleaseException unknownContext(String wanted, JsonNode doc) {
        List<String> names = new ArrayList<>();
        doc.path("contexts").forEach(c -> names.add(c.path("name").asText("?")));
        names.sort(null);
        String existing = String.join(", ", names);
        return new InvalidReleaseException(null, "context", wanted.isEmpty() ? "the kubeconfig has no current-context"
                : "the kubeconfig has no context named '" + wanted + "'" + (existing.isEmpty() ? " (it has no contexts)" : "; its contexts: " + existing),
                "Pick one of its contexts, or name none for its current context");
    }

    /** What the PEM block says it is; fabric8 assumes RSA otherwise. */
    private static String keyAlgorithm(String base64Pem) {
        String pem;
        try {
            pem = new String(Base64.getMimeDecoder().decode(base64Pem), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new InvalidReleaseException(null, "kubeconfig users[].user.client-key-data",
                    "client-key-data is not base64", "Give the key as base64-encoded PEM, as kubectl writes it");
        }
        return pem.contains("BEGIN EC PRIVATE KEY") ? "EC" : "RSA";
    }
}
