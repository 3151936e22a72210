package io.jenkins.plugins.grayrelease.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample application: the {@code reviews} service of Istio's Bookinfo example, in the
 * {@link Variant variants} the demo and the tests of every module install. Each variant is plain
 * YAML beside this class ({@code sample-app*.yaml}), so that what a test compares with, or what
 * anyone trying {@code grayctl demo --keep} reads, is exactly what the sandbox holds.
 *
 * <p>The constants and static methods describe the demo's variant ({@link Variant#DEMO}): namespace
 * {@code demo}, its Service, Deployments {@code reviews-v1} (stable) and {@code reviews-v2}
 * (canary), a DestinationRule with subsets v1 and v2, and a VirtualService whose team pins one
 * partner to v1 with a header route of its own ({@code partner-acme}) before the route a release
 * manages ({@code primary}).
 */
public final class SampleApplication {

    public static final String NAMESPACE = "demo";
    public static final String SERVICE = "reviews";
    public static final String STABLE_SUBSET = "v1";
    public static final String CANARY_SUBSET = "v2";
    /** The route a release manages: the one without {@code match} that sends everything to v1. */
    public static final String MANAGED_ROUTE = "primary";
    /** The application team's own header route, which a release must leave untouched. */
    public static final String PARTNER_ROUTE = "partner-acme";

    private static final YAMLMapper YAML = new YAMLMapper();

    private SampleApplication() {
    }

    /** The demo's objects as YAML, with comments, as the sandbox holds them. */
    public static String yaml() {
        return Variant.DEMO.yaml();
    }

    /** The demo's objects, the namespace first, as {@link SandboxObjects#read} reads them. */
    public static List<HasMetadata> objects() {
        return Variant.DEMO.objects();
    }

    /** Creates the demo's objects in {@link #NAMESPACE}, the namespace included. */
    public static void install(KubernetesClient client) {
        Variant.DEMO.install(client);
    }

    /** Creates the demo's objects in {@code namespace} (so that tests can hold one copy each), the namespace included. */
    public static void install(KubernetesClient client, String namespace) {
        Variant.DEMO.install(client, namespace);
    }

    /**
     * The sample application's variants: one per routing layout a release meets, each a
     * multi-document YAML file. The objects of every variant but the demo's name no namespace
     * or namespace {@code shop}; {@link #install(KubernetesClient, String)} puts them in any.
     */
    public enum Variant {

        /** The demo's: namespace {@code demo}, subsets v1 and v2, the partner's header route before {@code primary}. */
        DEMO("sample-app.yaml", NAMESPACE, SERVICE),
        /**
         * The engine's fixture: subsets v1 and v2 of {@code reviews} (a Service, a stable Deployment
         * {@code reviews-v1} with a side container), the team's own routes {@code jason} (header) and
         * {@code ratings-api} (path, another service) before {@code primary}, and fields and
         * annotations a release must never touch.
         */
        SUBSETS("sample-app-subsets.yaml", "shop", "reviews"),
        /** The two-host layout: Services {@code checkout-stable} and {@code checkout-canary}, gateway VirtualService {@code checkout}. */
        TWO_HOSTS("sample-app-two-hosts.yaml", "shop", "checkout"),
        /**
         * A Gateway API HTTPRoute {@code reviews} in the two-Services layout: Services
         * {@code reviews-stable}, {@code reviews-canary} and {@code reviews-admin}, a rule
         * {@code admin} and the managed rule {@code main}, as the API server stores it.
         */
        HTTP_ROUTE("sample-app-http-route.yaml", "shop", "reviews"),
        /** The fixed stable/canary subset layout: subsets named {@code stable} and {@code canary}, both version v1. */
        FIXED_SUBSETS("sample-app-fixed-subsets.yaml", "shop", "reviews"),
        /** The real-API-server tests' layout: subsets v1 and v2, an {@code admin} route before {@code primary} (weight 100). */
        ADMIN_ROUTE("sample-app-admin-route.yaml", "shop", "reviews");

        private final String resource;
        private final String namespace;
        private final String service;

        Variant(String resource, String namespace, String service) {
            this.resource = resource;
            this.namespace = namespace;
            this.service = service;
        }

        /** The namespace {@link #install(KubernetesClient)} creates the objects in. */
        public String namespace() {
            return namespace;
        }

        /** The service a release of this variant is about (the name of its VirtualService or HTTPRoute). */
        public String service() {
            return service;
        }

        /** Every object as YAML, with comments, exactly as written beside this class. */
        public String yaml() {
            try (InputStream in = SampleApplication.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the class path; rebuild the sandbox module");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The documents of this {@code kind}, verbatim (comments included), joined by {@code ---}. */
        public String yaml(String kind) {
            return String.join("---\n", documents(kind));
        }

        /** The one object of this {@code kind} as a JSON tree, each field as written. */
        public ObjectNode tree(String kind) {
            List<String> documents = documents(kind);
            if (documents.size() > 1) {
                throw new IllegalArgumentException(resource + " holds " + documents.size() + " objects of kind " + kind);
            }
            return parse(documents.get(0));
        }

        /** Every object, as {@link SandboxObjects#read} reads them; new copies on every call. */
        public List<HasMetadata> objects() {
            return SandboxObjects.read(yaml());
        }

        /** The objects of this {@code kind}, new copies on every call. */
        public List<HasMetadata> objects(String kind) {
            return SandboxObjects.read(yaml(kind));
        }

        /** Creates every object in {@link #namespace()}. */
        public void install(KubernetesClient client) {
            install(client, namespace);
        }

        /** Creates every object in {@code namespace} (a Namespace among them is created as {@code namespace}). */
        public void install(KubernetesClient client, String namespace) {
            SandboxObjects.create(client, namespace, objects());
        }

        /**
         * A DestinationRule of this variant's service whose subsets are exactly these names, each
         * with the {@code version} label of its name: for a test that needs a canary subset per case.
         */
        public String destinationRule(String... subsets) {
            StringBuilder yaml = new StringBuilder("""
                    apiVersion: networking.istio.io/v1
                    kind: DestinationRule
                    metadata:
                      name: %s
                      namespace: %s
                    spec:
                      host: %s
                      subsets:
                    """.formatted(service, namespace, service));
            for (String subset : subsets) {
                yaml.append("  - {name: ").append(subset).append(", labels: {version: ").append(subset).append("}}\n");
            }
            return yaml.toString();
        }

        private List<String> documents(String kind) {
            List<String> documents = new ArrayList<>();
            for (String document : yaml().split("(?m)^---[ \\t]*\\R")) {
                if (kind.equals(parse(document).path("kind").asText())) {
                    documents.add(document);
                }
            }
            if (documents.isEmpty()) {
                throw new IllegalArgumentException(resource + " holds no object of kind " + kind);
            }
            return documents;
        }

        private static ObjectNode parse(String document) {
            try {
                return YAML.readTree(document) instanceof ObjectNode object ? object : YAML.createObjectNode();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
