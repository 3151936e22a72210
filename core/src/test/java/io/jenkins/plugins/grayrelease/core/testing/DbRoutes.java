package io.jenkins.plugins.grayrelease.core.testing;

/**
 * A database behind Istio with TCP and TLS routes, for the tests of tcp[] and tls[] releases: the
 * VirtualService {@code db} (a tcp route on port 5432 and a tls route on 443 for SNI
 * {@code db.example.com}, both to subset v1) and its DestinationRule (subsets v1 and v2). The
 * objects name no namespace: the test puts them where it needs them.
 */
public final class DbRoutes {

    public static final String VIRTUAL_SERVICE = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: db}
            spec:
              hosts: [db, db.example.com]
              gateways: [mesh, istio-system/tls-gateway]
              tcp:
              - match:
                - port: 5432
                route:
                - destination: {host: db, subset: v1, port: {number: 5432}}
              tls:
              - match:
                - port: 443
                  sniHosts: [db.example.com]
                route:
                - destination: {host: db, subset: v1, port: {number: 8443}}
            """;

    public static final String DESTINATION_RULE = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: db}
            spec:
              host: db
              subsets:
              - {name: v1, labels: {version: v1}}
              - {name: v2, labels: {version: v2}}
            """;

    private DbRoutes() {
    }

    /** Both objects as one multi-document YAML, the DestinationRule first. */
    public static String objects() {
        return DESTINATION_RULE + "---\n" + VIRTUAL_SERVICE;
    }
}
