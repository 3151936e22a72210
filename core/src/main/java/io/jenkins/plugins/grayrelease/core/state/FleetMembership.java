package io.jenkins.plugins.grayrelease.core.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The fleet release a target's record belongs to: written into every member's release record, so that
 * {@code grayctl status} on any one target finds the others, and a later run knows which targets to finish.
 *
 * @param id      the fleet release's id ({@code reviews-v2-f4f2a9c1}), the same on every member
 * @param members every member, in the fleet's order (wave by wave)
 */
public record FleetMembership(String id, List<Member> members) {

    @JsonCreator
    public FleetMembership(@JsonProperty("id") String id, @JsonProperty("members") List<Member> members) {
        this.id = id;
        this.members = members == null ? List.of() : List.copyOf(members);
    }

    /**
     * Where one member lives: enough to reach its routing object again from any other member.
     *
     * @param cluster        the kubeconfig context or Jenkins credential id naming its cluster; null: the default one
     * @param namespace      the service's namespace
     * @param service        the service
     * @param virtualService the VirtualService when not named like the service ({@code [namespace/]name}), else null
     * @param httpRoute      the HTTPRoute when the release edits one, else null
     * @param route          the managed route's name, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Member(String cluster, String namespace, String service, String virtualService, String httpRoute, String route) {

        @JsonCreator
        public Member(@JsonProperty("cluster") String cluster, @JsonProperty("namespace") String namespace,
                      @JsonProperty("service") String service, @JsonProperty("virtualService") String virtualService,
                      @JsonProperty("httpRoute") String httpRoute, @JsonProperty("route") String route) {
            this.cluster = cluster;
            this.namespace = namespace;
            this.service = service;
            this.virtualService = virtualService;
            this.httpRoute = httpRoute;
            this.route = route;
        }

        /** {@code eu-1/shop/reviews} (without a cluster: {@code shop/reviews}); a route named: {@code …/reviews#primary}. */
        public String id() {
            return (cluster == null ? "" : cluster + "/") + namespace + "/" + service + (route == null ? "" : "#" + route);
        }
    }
}
