/**
 * Workloads: creating or updating the canary Deployment from the stable one, its pod labels, which
 * Deployments a side selects ({@link io.jenkins.plugins.grayrelease.core.workload.SideSelector}: the
 * Service's selector and the subset's labels), how far a Deployment's rollout is
 * ({@link io.jenkins.plugins.grayrelease.core.workload.DeploymentRolloutViewer}, kubectl's rollout
 * status as a pure function, with the pods' reason from
 * {@link io.jenkins.plugins.grayrelease.core.workload.PodProblems}), and deleting the old stable
 * after a promotion.
 */
package io.jenkins.plugins.grayrelease.core.workload;
