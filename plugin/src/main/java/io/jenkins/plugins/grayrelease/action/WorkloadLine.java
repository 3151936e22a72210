package io.jenkins.plugins.grayrelease.action;

import io.jenkins.plugins.grayrelease.core.workload.DeploymentSummary;

/**
 * One Deployment of a release side as a build saw it, for the pages: which side, its name and
 * image, ready of desired replicas, and the pods' problem when there was one. Kept in
 * {@code build.xml}; every text is shown escaped (the views escape by default).
 */
public final class WorkloadLine {

    private final String side;
    private final String name;
    private final String image;
    private final int ready;
    private final int desired;
    private final String problem;

    WorkloadLine(String side, DeploymentSummary d) {
        this.side = side;
        this.name = d.name();
        this.image = d.image();
        this.ready = d.ready();
        this.desired = d.desired();
        this.problem = d.problem();
    }

    /** {@code stable} or {@code canary}. */
    public String getSide() {
        return side;
    }

    public String getName() {
        return name;
    }

    public String getImage() {
        return image;
    }

    public int getReady() {
        return ready;
    }

    public int getDesired() {
        return desired;
    }

    /** The pods' problem ({@code ImagePullBackOff (1 pod, e.g. …)}), or null. */
    public String getProblem() {
        return problem;
    }

    /** Whether fewer pods are ready than wanted. */
    public boolean isShort() {
        return ready < desired;
    }
}
