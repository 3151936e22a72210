package io.jenkins.plugins.grayrelease.core.workload;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.support.Digests;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an approval of a canary is an approval of: the pod template of the Deployments that serve
 * the canary side (their containers' images, commands, args and env), as one short digest. A new
 * image, variable or argument deployed into the same canary gives another digest, so a resumed
 * rollout asks its approvals again.
 */
public final class PodTemplateDigest {

    private PodTemplateDigest() {
    }

    /**
     * The digest of the Deployments in {@code namespace} whose pods carry all of {@code podLabels};
     * null when there is none.
     */
    public static String of(KubernetesClient client, String namespace, Map<String, String> podLabels) {
        List<Deployment> serving = client.apps().deployments().inNamespace(namespace).list().getItems().stream()
                .filter(d -> selects(d, podLabels))
                .sorted(Comparator.comparing(d -> d.getMetadata().getName()))
                .toList();
        if (serving.isEmpty()) {
            return null;
        }
        StringBuilder canonical = new StringBuilder();
        for (Deployment d : serving) {
            canonical.append(d.getMetadata().getName()).append('\n');
            for (Container c : containers(d)) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("name", c.getName());
                shown.put("image", c.getImage());
                shown.put("command", c.getCommand());
                shown.put("args", c.getArgs());
                shown.put("env", c.getEnv());
                shown.put("envFrom", c.getEnvFrom());
                canonical.append(client.getKubernetesSerialization().asJson(shown)).append('\n');
            }
        }
        return Digests.sha256(canonical.toString());
    }

    private static boolean selects(Deployment d, Map<String, String> podLabels) {
        if (d.getSpec() == null || d.getSpec().getTemplate() == null || d.getSpec().getTemplate().getMetadata() == null) {
            return false;
        }
        Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
        return labels != null && labels.entrySet().containsAll(podLabels.entrySet());
    }

    private static List<Container> containers(Deployment d) {
        List<Container> all = new java.util.ArrayList<>();
        if (d.getSpec().getTemplate().getSpec() != null) {
            all.addAll(d.getSpec().getTemplate().getSpec().getInitContainers());
            all.addAll(d.getSpec().getTemplate().getSpec().getContainers());
        }
        return all;
    }
}
