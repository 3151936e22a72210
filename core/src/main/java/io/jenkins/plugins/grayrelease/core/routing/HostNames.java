package io.jenkins.plugins.grayrelease.core.routing;

/**
 * How Istio reads a destination host written in a VirtualService: a short name ({@code ratings})
 * means the service of that name in the VirtualService's own namespace; {@code ratings.shop},
 * {@code ratings.shop.svc} and {@code ratings.shop.svc.cluster.local} name namespace
 * {@code shop}. A host the engine adds is spelled like the one already beside it, so that it
 * names the same namespace (a gateway VirtualService in {@code istio-system} routing to
 * {@code ratings.shop.svc.cluster.local} must not get a canary {@code ratings}, which Istio would
 * read as {@code ratings.istio-system}).
 */
public final class HostNames {

    private static final String CLUSTER_SUFFIX = ".svc.cluster.local";

    private HostNames() {
    }

    /**
     * The namespace {@code host} names when written in a VirtualService of {@code vsNamespace};
     * null for a host that is not a Kubernetes service name (e.g. {@code api.example.com}).
     */
    static String namespaceOf(String host, String vsNamespace) {
        String[] labels = host.split("\\.");
        if (labels.length == 1) {
            return vsNamespace;
        }
        boolean kubernetes = labels.length == 2 || (labels.length == 3 && host.endsWith(".svc"))
                || (labels.length == 5 && host.endsWith(CLUSTER_SUFFIX));
        return kubernetes ? labels[1] : null;
    }

    /**
     * {@code host} spelled the way {@code reference} (the host beside it in the route) is: the
     * same service keeps the reference's exact text; another service of the same namespace gets
     * the reference's suffix ({@code ratings-canary} beside {@code ratings-stable.shop.svc.cluster.local}
     * becomes {@code ratings-canary.shop.svc.cluster.local}); anything else stays as given.
     */
    public static String spelledLike(String host, String reference, String vsNamespace) {
        if (reference == null || reference.isBlank()) {
            return host;
        }
        if (HttpRoutes.sameHost(host, reference, vsNamespace)) {
            return reference;
        }
        String hostNs = namespaceOf(host, vsNamespace);
        if (hostNs == null || !hostNs.equals(namespaceOf(reference, vsNamespace))) {
            return host;
        }
        String service = host.split("\\.")[0];
        int dot = reference.indexOf('.');
        return dot < 0 ? service : service + reference.substring(dot);
    }

    /**
     * A host named for the service's namespace, written so that a VirtualService in
     * {@code vsNamespace} reads it the same: a short name becomes the full name when the two
     * namespaces differ; anything with a dot is already explicit.
     */
    public static String forVirtualServiceIn(String host, String serviceNamespace, String vsNamespace) {
        if (host == null || host.contains(".") || serviceNamespace.equals(vsNamespace)) {
            return host;
        }
        return host + "." + serviceNamespace + CLUSTER_SUFFIX;
    }
}
