package io.jenkins.plugins.grayrelease.core.cluster;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A watch the API server refused (403) says less than any other refused request: it is refused
 * while the connection is upgraded, so the server's RBAC sentence naming the verb never reaches
 * the client; and an informer's refused list or watch does not carry its namespace. Both are
 * known to the caller: this puts them back, for {@link Forbidden} to name
 * ({@code this identity cannot watch pods in namespace shop}).
 */
public final class WatchRefusal {

    private WatchRefusal() {
    }

    /**
     * {@code e} itself unless it is a 403 that does not say which verb was refused or where.
     *
     * @param group     the watched resource's API group ("" for the core group)
     * @param plural    the watched resource, e.g. {@code pods}
     * @param namespace where the watch was opened
     */
    public static KubernetesClientException named(KubernetesClientException e, String group, String plural, String namespace) {
        Forbidden forbidden = Forbidden.of(e);
        if (forbidden == null || (!"the verb".equals(forbidden.verb()) && e.getNamespace() != null && e.getResourcePlural() != null)) {
            return e;
        }
        Status status = e.getStatus();
        if ("the verb".equals(forbidden.verb())) {
            status = new StatusBuilder().withCode(403).withReason("Forbidden")
                    .withMessage("User \"this identity\" cannot watch resource \"" + plural + "\"").build();
        }
        return new Refused(e, status, group, plural, namespace);
    }

    /** The refusal with the verb said; where it was refused (group, resource, namespace) as the original says. */
    private static final class Refused extends KubernetesClientException {
        private static final long serialVersionUID = 1L;
        private final KubernetesClientException original;
        private final transient Status status;
        private final String group;
        private final String plural;
        private final String namespace;

        Refused(KubernetesClientException original, Status status, String group, String plural, String namespace) {
            super(status.getMessage(), original);
            this.original = original;
            this.status = status;
            this.group = group;
            this.plural = plural;
            this.namespace = namespace;
        }

        @Override
        public Status getStatus() {
            return status;
        }

        @Override
        public int getCode() {
            return 403;
        }

        @Override
        public String getGroup() {
            return original.getResourcePlural() != null ? original.getGroup() : group;
        }

        @Override
        public String getVersion() {
            return original.getVersion();
        }

        @Override
        public String getResourcePlural() {
            return original.getResourcePlural() != null ? original.getResourcePlural() : plural;
        }

        @Override
        public String getNamespace() {
            return original.getNamespace() != null ? original.getNamespace() : namespace;
        }
    }
}
