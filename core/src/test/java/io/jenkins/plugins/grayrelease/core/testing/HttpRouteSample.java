package io.jenkins.plugins.grayrelease.core.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;

/**
 * The {@code reviews} application routed by a Gateway API HTTPRoute in the two-Services layout:
 * Services {@code reviews-stable} and {@code reviews-canary}, an HTTPRoute attached to a Gateway
 * with an {@code admin} rule (path {@code /admin}, another Service) and the {@code main} rule the
 * engine manages (path prefix {@code /}, a header filter and a timeout the engine must keep), as
 * the API server stores it (its defaults spelled out).
 */
public final class HttpRouteSample {

    public static final String NAMESPACE = "shop";
    public static final String SERVICE = "reviews";
    public static final Destination STABLE = Destination.host("reviews-stable");
    public static final Destination CANARY = Destination.host("reviews-canary");

    public static final String HTTP_ROUTE_YAML = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: reviews
              namespace: shop
              annotations:
                bookinfo.example.com/owner: team-reviews
            spec:
              parentRefs:
              - group: gateway.networking.k8s.io
                kind: Gateway
                name: public
                sectionName: http
              hostnames:
              - reviews.example.com
              rules:
              - name: admin
                matches:
                - path:
                    type: PathPrefix
                    value: /admin
                backendRefs:
                - group: ""
                  kind: Service
                  name: reviews-admin
                  port: 9080
                  weight: 1
              - name: main
                matches:
                - path:
                    type: PathPrefix
                    value: /
                filters:
                - type: RequestHeaderModifier
                  requestHeaderModifier:
                    add:
                    - name: x-env
                      value: prod
                backendRefs:
                - group: ""
                  kind: Service
                  name: reviews-stable
                  port: 9080
                  weight: 1
                timeouts:
                  request: 10s
            """;

    private HttpRouteSample() {
    }

    public static ObjectNode route() {
        return Yaml.node(HTTP_ROUTE_YAML);
    }

    /** The release of the {@code main} rule, stable and canary Services named. */
    public static ReleaseTarget target(String namespace) {
        return ReleaseTarget.builder(namespace, SERVICE).httpRoute("reviews").route("main").stable(STABLE).canary(CANARY).build();
    }

    /** The service YAML of one side ({@code reviews-stable} selects version v1, {@code reviews-canary} v2). */
    public static String serviceYaml(String name, String namespace, String version) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  selector:
                    app: reviews
                    version: %s
                  ports:
                  - name: http
                    port: 9080
                """.formatted(name, namespace, version);
    }
}
