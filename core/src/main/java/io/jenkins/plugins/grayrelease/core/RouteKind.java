package io.jenkins.plugins.grayrelease.core;

/**
 * The kind of routing object a release edits, and where in it the routing rules live. Each kind
 * has its own traffic provider; there is no default provider for an unknown kind.
 */
public enum RouteKind {
    /** Istio {@code networking.istio.io/v1} VirtualService; rules in {@code spec.http} (and tcp/tls). */
    VIRTUAL_SERVICE("networking.istio.io", "v1", "VirtualService", "virtualservices", "http"),
    /** Gateway API {@code gateway.networking.k8s.io/v1} HTTPRoute; rules in {@code spec.rules}. */
    HTTP_ROUTE("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes", "rules");

    private final String group;
    private final String version;
    private final String kind;
    private final String plural;
    private final String rulesField;

    RouteKind(String group, String version, String kind, String plural, String rulesField) {
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.plural = plural;
        this.rulesField = rulesField;
    }

    public String group() {
        return group;
    }

    public String version() {
        return version;
    }

    /** The Kubernetes kind, as messages name the object ({@code ns/HTTPRoute/reviews}). */
    public String kind() {
        return kind;
    }

    public String plural() {
        return plural;
    }

    /** The field of {@code spec} holding the ordered routing rules: {@code http} or {@code rules}. */
    public String rulesField() {
        return rulesField;
    }

    /** The rules array as a JSON Pointer: {@code /spec/http} or {@code /spec/rules}. */
    public String rulesPointer() {
        return "/spec/" + rulesField;
    }

    public ObjectRef ref(String namespace, String name) {
        return new ObjectRef(namespace, kind, name);
    }
}
