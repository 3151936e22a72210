package io.jenkins.plugins.grayrelease.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The sample application: the {@code reviews} service of Istio's Bookinfo example in namespace
 * {@code demo} — its Service, Deployments {@code reviews-v1} (stable) and {@code reviews-v2}
 * (canary), a DestinationRule with subsets v1 and v2, and a VirtualService whose team pins one
 * partner to v1 with a header route of its own ({@code partner-acme}) before the route a release
 * manages ({@code primary}). Kept as plain YAML in {@code sample-app.yaml} beside this class, so
 * that anyone trying {@code grayctl demo --keep} can read exactly what the sandbox holds.
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

    private static final String RESOURCE = "sample-app.yaml";

    private SampleApplication() {
    }

    /** The objects as YAML, with comments, as the sandbox holds them. */
    public static String yaml() {
        try (InputStream in = SampleApplication.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path; rebuild the sandbox module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects, the namespace first, as {@link SandboxObjects#read} reads them. */
    public static List<HasMetadata> objects() {
        return SandboxObjects.read(yaml());
    }

    /** Creates every object in {@link #NAMESPACE}, the namespace included. */
    public static void install(KubernetesClient client) {
        SandboxObjects.create(client, NAMESPACE, objects());
    }

    /** Creates every object in {@code namespace} (so that tests can hold one copy each), the namespace included. */
    public static void install(KubernetesClient client, String namespace) {
        SandboxObjects.create(client, namespace, objects());
    }
}
