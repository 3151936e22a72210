package io.jenkins.plugins.grayrelease.core.workload;

/**
 * A canary Deployment to create or update from the stable one.
 *
 * @param image      the new image for the container
 * @param version    the canary's version: the {@code version} pod label and the subset it serves
 * @param replicas   replicas, or null to copy the stable Deployment's
 * @param from       the stable Deployment's name, or null to find the one serving the stable subset
 * @param container  the container to change, or null for the only/first container
 */
public record CanaryDeployment(String image, String version, Integer replicas, String from, String container) {
}
