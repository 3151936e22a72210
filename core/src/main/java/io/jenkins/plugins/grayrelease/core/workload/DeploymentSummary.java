package io.jenkins.plugins.grayrelease.core.workload;

/**
 * One Deployment of a side as a status shows it (what {@code kubectl argo rollouts get rollout}
 * shows): its image, how many of its pods are ready out of how many it wants, and why the others
 * are not, when they are not.
 *
 * @param name     the Deployment's name
 * @param image    the first container's image (the one a canary changes)
 * @param ready    ready replicas
 * @param desired  desired replicas ({@code spec.replicas})
 * @param problem  the pods' problem in one sentence ({@code ImagePullBackOff: …}), or null when none
 */
public record DeploymentSummary(String name, String image, int ready, int desired, String problem) {

    /** {@code 2/3 ready}, followed by the problem when there is one. */
    public String describe() {
        return name + "  " + image + "  " + ready + "/" + desired + " ready" + (problem == null ? "" : "  " + problem);
    }
}
