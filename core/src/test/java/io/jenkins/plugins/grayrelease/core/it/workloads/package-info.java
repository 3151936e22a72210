/**
 * Tests on a control plane that runs Deployments without containers (tag {@code workloads}):
 * {@link io.jenkins.plugins.grayrelease.core.it.workloads.WorkloadCluster} (the API server of the
 * apiserver tests, plus kube-controller-manager, kube-scheduler and KWOK's fake nodes), the pod
 * failures a test can ask for ({@link io.jenkins.plugins.grayrelease.core.it.workloads.PodBehaviour}),
 * and the tests of that control plane itself.
 */
package io.jenkins.plugins.grayrelease.core.it.workloads;
