package io.jenkins.plugins.grayrelease.core.workload;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.MissingObjectException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Canary Deployments: created from the stable Deployment (same pod spec, new image, the canary
 * side's labels), named {@code <service>-<version>}, and the old stable one removed
 * after a promotion when asked. Updates and deletes are guarded by the uid and resourceVersion read.
 */
public final class CanaryWorkloads {

    /** The annotation a canary Deployment the engine created carries: the name of the Deployment it was created from. */
    public static final String CREATED_FROM = "grayrelease.jenkins.io/created-from";

    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)");

    private final KubernetesClient client;

    public CanaryWorkloads(KubernetesClient client) {
        this.client = client;
    }

    /** The naming rule of canary Deployments. */
    public static String canaryName(String service, String version) {
        return service + "-" + version;
    }

    /**
     * @param stableSide   the pods of the stable side (its Service's selector and subset's labels): the stable
     *                     Deployment is the one whose pods it selects; the labels that tell the sides apart (the
     *                     subset's, or in the two-host layout the Service's selector) are replaced by {@code canaryLabels}
     * @param canaryLabels the labels the canary side's pods must carry
     */
    public WorkloadStatus deploy(String namespace, String service, CanaryDeployment request,
                                 SideSelector stableSide, Map<String, String> canaryLabels) {
        String name = canaryName(service, request.version());
        ObjectRef ref = ObjectRef.deployment(namespace, name);
        validate(ref, request);
        Map<String, String> stableLabels = stableSide.subsetLabels().isEmpty() ? stableSide.serviceSelector() : stableSide.subsetLabels();
        Deployment stable = findStable(namespace, request.from(), stableSide, name);
        ObjectRef stableRef = ObjectRef.deployment(namespace, stable.getMetadata().getName());
        Container template = container(stableRef, stable, request.container());
        Map<String, String> podLabels = WorkloadLabels.derive(stable.getSpec().getTemplate().getMetadata().getLabels(), stableLabels, canaryLabels);
        Map<String, String> selector = WorkloadLabels.derive(stable.getSpec().getSelector().getMatchLabels(), stableLabels, canaryLabels);
        int replicas = request.replicas() != null ? request.replicas()
                : Objects.requireNonNullElse(stable.getSpec().getReplicas(), 1);
        Deployment existing = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (existing == null) {
            Deployment canary = new DeploymentBuilder(stable)
                    .withNewMetadata().withName(name).withNamespace(namespace)
                    .withLabels(WorkloadLabels.derive(stable.getMetadata().getLabels(), stableLabels, canaryLabels))
                    .addToAnnotations(CREATED_FROM, stable.getMetadata().getName()).endMetadata()
                    .editSpec().withReplicas(replicas).editSelector().withMatchLabels(selector).endSelector()
                    .editTemplate().editOrNewMetadata().withLabels(podLabels).endMetadata().endTemplate().endSpec()
                    .withStatus(null).build();
            setImage(canary, template.getName(), request.image());
            client.apps().deployments().inNamespace(namespace).resource(canary).create();
            return new WorkloadStatus(name, request.image(), request.version(), replicas, podLabels, true);
        }
        Map<String, String> existingSelector = existing.getSpec().getSelector().getMatchLabels();
        if (!selector.equals(existingSelector)) {
            throw new InvalidReleaseException(ref, "spec.selector.matchLabels", "is " + existingSelector + " but the canary needs "
                    + selector + " (a Deployment's selector cannot change)", "Delete the Deployment and deploy the canary again");
        }
        // Guarded by what was read (uid, resourceVersion): a concurrent change is a conflict, retried from a fresh read.
        Deployment wanted = new DeploymentBuilder(existing).build();
        wanted.getSpec().setReplicas(replicas);
        wanted.getSpec().getTemplate().getMetadata().setLabels(podLabels);
        setImage(wanted, template.getName(), request.image());
        new DeploymentWrites(client).write(existing, wanted);
        return new WorkloadStatus(name, request.image(), request.version(), replicas, podLabels, false);
    }

    /**
     * Deletes {@code seen} if it is still exactly that object (uid and resourceVersion preconditions):
     * a Deployment changed or replaced since it was read is refused by the API server with 409, which
     * the engine's retry loop answers by reading and deciding again.
     *
     * @return false when it was gone already
     */
    public boolean delete(Deployment seen) {
        return GuardedDelete.delete(client, seen);
    }

    private Deployment findStable(String namespace, String from, SideSelector stableSide, String canaryName) {
        if (from != null && !from.isBlank()) {
            Deployment d = client.apps().deployments().inNamespace(namespace).withName(from).get();
            if (d == null) {
                throw new MissingObjectException(ObjectRef.deployment(namespace, from), "Name the stable Deployment with 'from', or leave it out to find it by the stable subset's labels");
            }
            return d;
        }
        List<Deployment> serving = stableSide.select(client.apps().deployments().inNamespace(namespace).list().getItems()).stream()
                .filter(d -> !d.getMetadata().getName().equals(canaryName))
                .toList();
        if (serving.size() != 1) {
            throw new InvalidReleaseException(new ObjectRef(namespace, "Deployment", "(serving " + stableSide.labelSelector() + ")"), "from",
                    serving.isEmpty() ? "no Deployment's pods carry the stable side's labels " + stableSide.labelSelector()
                            : "several Deployments serve the stable side (" + stableSide.labelSelector() + "): "
                            + serving.stream().map(d -> d.getMetadata().getName()).toList(),
                    "Name the stable Deployment with 'from'");
        }
        return serving.get(0);
    }

    private static Container container(ObjectRef ref, Deployment d, String name) {
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        if (name == null || name.isBlank()) {
            return containers.get(0);
        }
        return containers.stream().filter(c -> name.equals(c.getName())).findFirst().orElseThrow(() -> new InvalidReleaseException(ref,
                "spec.template.spec.containers", "has no container named '" + name + "'; containers: "
                        + containers.stream().map(Container::getName).toList(), "Give one of these names as the container"));
    }

    private static void setImage(Deployment d, String container, String image) {
        d.getSpec().getTemplate().getSpec().getContainers().stream().filter(c -> c.getName().equals(container))
                .forEach(c -> c.setImage(image));
    }

    private static void validate(ObjectRef ref, CanaryDeployment r) {
        if (r.image() == null || r.image().isBlank()) {
            throw new InvalidReleaseException(ref, "image", "no image given", "Give the canary's image, e.g. registry/app:2.0");
        }
        if (r.version() == null || !LABEL_VALUE.matcher(r.version()).matches()) {
            throw new InvalidReleaseException(ref, "version", "'" + r.version() + "' is not a valid label value",
                    "Use up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
        }
        if (r.replicas() != null && r.replicas() < 0) {
            throw new InvalidReleaseException(ref, "replicas", r.replicas() + " is negative", "Give 0 or more replicas");
        }
    }
}
