package io.jenkins.plugins.grayrelease.core.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.sandbox.SandboxObjects;

/**
 * The engine's fixture, installed on the sandbox ({@link SandboxCluster}) or a real API server: the
 * {@code reviews} service in namespace {@code shop}
 * with a stable Deployment ({@code reviews-v1}), a DestinationRule with subsets v1 and v2, and a
 * VirtualService holding a header-match route, a second named route and the catch-all route
 * the engine manages, plus fields and annotations the engine must never touch.
 */
public final class SampleApp {

    public static final String NAMESPACE = "shop";
    public static final String SERVICE = "reviews";

    public static final String SERVICE_YAML = """
            apiVersion: v1
            kind: Service
            metadata:
              name: reviews
              namespace: shop
            spec:
              selector:
                app: reviews
              ports:
              - name: http
                port: 9080
            """;

    public static final String STABLE_DEPLOYMENT_YAML = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: reviews-v1
              namespace: shop
              labels:
                app: reviews
                version: v1
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: reviews
                  version: v1
              template:
                metadata:
                  labels:
                    app: reviews
                    version: v1
                spec:
                  containers:
                  - name: reviews
                    image: example.org/reviews:1.0
                    ports:
                    - containerPort: 9080
                  - name: log-shipper
                    image: example.org/shipper:3
            """;

    public static final String DESTINATION_RULE_YAML = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: reviews
              namespace: shop
            spec:
              host: reviews
              trafficPolicy:
                connectionPool:
                  http:
                    http1MaxPendingRequests: 100
              subsets:
              - name: v1
                labels:
                  version: v1
              - name: v2
                labels:
                  version: v2
            """;

    public static final String VIRTUAL_SERVICE_YAML = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: reviews
              namespace: shop
              annotations:
                team.example.org/owner: reviews-team
              labels:
                app: reviews
            spec:
              hosts:
              - reviews
              exportTo:
              - "."
              http:
              - name: jason
                match:
                - headers:
                    end-user:
                      exact: jason
                route:
                - destination:
                    host: reviews
                    subset: v1
                timeout: 3s
              - name: ratings-api
                match:
                - uri:
                    prefix: /ratings
                route:
                - destination:
                    host: ratings
                    port:
                      number: 9080
                retries:
                  attempts: 3
                  perTryTimeout: 2s
                  retryOn: gateway-error,connect-failure
              - name: primary
                route:
                - destination:
                    host: reviews
                    subset: v1
                timeout: 10s
                retries:
                  attempts: 2
                headers:
                  response:
                    set:
                      x-served-by: mesh
            """;

    /** The two-host layout: stable and canary are Services of their own, no subsets. */
    public static final String TWO_HOST_YAML = """
            apiVersion: v1
            kind: Service
            metadata:
              name: checkout-stable
              namespace: shop
            spec:
              selector:
                app: checkout
                track: stable
              ports:
              - port: 8080
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: checkout-canary
              namespace: shop
            spec:
              selector:
                app: checkout
                track: canary
              ports:
              - port: 8080
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: checkout
              namespace: shop
            spec:
              hosts:
              - checkout.example.org
              gateways:
              - shop-gateway
              http:
              - name: main
                route:
                - destination:
                    host: checkout-stable.shop.svc.cluster.local
                    port:
                      number: 8080
                corsPolicy:
                  allowOrigins:
                  - exact: https://example.org
            """;

    private SampleApp() {
    }

    /** All objects of the subset layout, as one multi-document YAML. */
    public static String subsetLayout() {
        return String.join("---\n", SERVICE_YAML, STABLE_DEPLOYMENT_YAML, DESTINATION_RULE_YAML, VIRTUAL_SERVICE_YAML);
    }

    /**
     * Creates the objects of a multi-document YAML in {@code namespace} (Istio kinds as generic
     * resources, so every field reaches the server as written), on any server.
     */
    public static void install(KubernetesClient client, String namespace, String yaml) {
        SandboxObjects.create(client, namespace, yaml);
    }

    /** A DestinationRule {@code reviews} whose subsets are these names, each with the {@code version} label of its name. */
    public static String destinationRule(String... subsets) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata:
                  name: reviews
                  namespace: shop
                spec:
                  host: reviews
                  subsets:
                """);
        for (String subset : subsets) {
            yaml.append("  - {name: ").append(subset).append(", labels: {version: ").append(subset).append("}}\n");
        }
        return yaml.toString();
    }

    /** reviews: stable subset v1, canary subset v2. */
    public static ReleaseTarget target() {
        return ReleaseTarget.builder(NAMESPACE, SERVICE).stableSubset("v1").canarySubset("v2").build();
    }

    /** checkout: stable and canary as two hosts. */
    public static ReleaseTarget twoHostTarget() {
        return ReleaseTarget.builder(NAMESPACE, "checkout")
                .stable(Destination.host("checkout-stable.shop.svc.cluster.local"))
                .canary(Destination.host("checkout-canary.shop.svc.cluster.local")).build();
    }
}
