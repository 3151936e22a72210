package io.jenkins.plugins.grayrelease.core.workload;

import java.util.Map;

/**
 * A Deployment as the engine created or found it.
 *
 * @param name        Deployment name
 * @param image       the changed container's image
 * @param version     the {@code version} label
 * @param replicas    desired replicas
 * @param podLabels   the pod template's labels (what the subset selects)
 * @param created     true when this call created it (false: updated or unchanged)
 */
public record WorkloadStatus(String name, String image, String version, int replicas,
                             Map<String, String> podLabels, boolean created) {
}
