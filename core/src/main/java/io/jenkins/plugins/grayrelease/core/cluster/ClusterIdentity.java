package io.jenkins.plugins.grayrelease.core.cluster;

import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Who the API server says this client is: what a decision recorded on the cluster names as its author. */
public final class ClusterIdentity {

    private ClusterIdentity() {
    }

    /**
     * The user name from a SelfSubjectReview ({@code authentication.k8s.io/v1}, Kubernetes 1.28+),
     * or {@code fallback} when the server does not answer one (older servers, fakes without it).
     */
    public static String of(KubernetesClient client, String fallback) {
        try {
            SelfSubjectReview review = client.authentication().v1().selfSubjectReviews().create(new SelfSubjectReview());
            if (review != null && review.getStatus() != null && review.getStatus().getUserInfo() != null) {
                String name = review.getStatus().getUserInfo().getUsername();
                if (name != null && !name.isBlank()) {
                    return name;
                }
            }
        } catch (KubernetesClientException unknown) {
            // 404 on servers before 1.28: the fallback says who claims to answer
        }
        return fallback;
    }
}
