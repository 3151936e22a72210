package io.jenkins.plugins.grayrelease.core.workload;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.cluster.WatchRefusal;
import io.jenkins.plugins.grayrelease.core.errors.MissingObjectException;
import io.jenkins.plugins.grayrelease.core.errors.WorkloadNotAvailableException;
import io.jenkins.plugins.grayrelease.core.support.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a Deployment's pods to be ready the way {@code kubectl rollout status} does: a loop
 * around the pure readiness viewer, woken by a watch (fabric8 informers on the Deployment and on
 * its pods), never by sleeping. Each change of the viewer's sentence is reported once.
 *
 * <p>The deadline is Kubernetes' own: the Deployment's {@code progressDeadlineSeconds} (600 s
 * unless it says otherwise), unless the caller asks for another.
 */
public final class WorkloadWatch {

    /** Kubernetes' default {@code spec.progressDeadlineSeconds}. */
    static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

    private final KubernetesClient client;

    public WorkloadWatch(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Returns once the Deployment's pods are ready.
     *
     * @param role how progress names the pods ("canary")
     * @throws WorkloadNotAvailableException at the deadline, when the controller reports the
     *     deadline exceeded, or when interrupted; naming ready/desired and the pods' reason
     * @throws MissingObjectException when the Deployment does not exist or is deleted meanwhile
     */
    public DeploymentRollout await(String namespace, String name, String role, WorkloadWait wait) {
        ObjectRef ref = ObjectRef.deployment(namespace, name);
        Deployment first = client.apps().deployments().inNamespace(namespace).withName(name).get();
        if (first == null) {
            throw new MissingObjectException(ref, "Deploy the canary first (grayctl deploy, Jenkins grayDeploy)");
        }
        Duration timeout = wait.timeout() != null ? wait.timeout() : Duration.ofSeconds(
                Objects.requireNonNullElse(first.getSpec().getProgressDeadlineSeconds(), DEFAULT_PROGRESS_DEADLINE_SECONDS));
        Semaphore changed = new Semaphore(0);
        ResourceEventHandler<Object> wake = new Wake(changed);
        SharedIndexInformer<Deployment> deployments = null;
        SharedIndexInformer<Pod> pods = null;
        try {
            try {
                deployments = client.apps().deployments().inNamespace(namespace).withName(name).inform(cast(wake));
            } catch (KubernetesClientException e) {
                throw WatchRefusal.named(e, "apps", "deployments", namespace);
            }
            try {
                pods = client.pods().inNamespace(namespace).withLabelSelector(first.getSpec().getSelector()).inform(cast(wake));
            } catch (KubernetesClientException e) {
                throw WatchRefusal.named(e, "", "pods", namespace);
            }
            return loop(ref, role, deployments, pods, changed, timeout, wait);
        } finally {
            if (pods != null) {
                pods.close();
            }
            if (deployments != null) {
                deployments.close();
            }
        }
    }

    private DeploymentRollout loop(ObjectRef ref, String role, SharedIndexInformer<Deployment> deployments, SharedIndexInformer<Pod> pods,
                           Semaphore changed, Duration timeout, WorkloadWait wait) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String told = null;
        while (true) {
            Deployment d = deployments.getStore().getByKey(ref.namespace() + "/" + ref.name());
            if (d == null) {
                throw new MissingObjectException(ref, "It was deleted while waiting for its pods; deploy it again");
            }
            DeploymentRollout now = DeploymentRolloutViewer.view(d, List.copyOf(pods.getStore().list()));
            String sentence = progress(now, role);
            if (!sentence.equals(told)) {
                wait.progress().accept(sentence);
                told = sentence;
            }
            if (now.done()) {
                return now;
            }
            if (now.failed()) {
                throw notAvailable(ref, now, "its progress deadline was exceeded");
            }
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !changed.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    throw notAvailable(ref, now, "not ready after " + Durations.format(timeout));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw notAvailable(ref, now, "waiting for its pods was interrupted");
            }
            // Several events often come together (a pod and its Deployment): one look covers them all.
            changed.drainPermits();
        }
    }

    private static WorkloadNotAvailableException notAvailable(ObjectRef ref, DeploymentRollout now, String why) {
        // The viewer's sentence names the Deployment, the two numbers and the pods' problem.
        String sentence = now.sentence().startsWith(ref + ": ") ? now.sentence().substring(ref.toString().length() + 2) : now.sentence();
        return new WorkloadNotAvailableException(ref, why + ": " + sentence,
                "Nothing was routed to it. Fix what keeps its pods from being ready (kubectl describe pods of " + ref
                        + ") and deploy again, or roll back");
    }

    /**
     * {@code shop/Deployment/reviews-v2: 2 of 3 canary pods ready}, with the pods' problem when
     * known; before the controller has caught up (or while old pods go), the viewer's own sentence.
     */
    static String progress(DeploymentRollout now, String role) {
        if (now.stage() != DeploymentRollout.Stage.DONE && now.stage() != DeploymentRollout.Stage.BECOMING_AVAILABLE
                && now.stage() != DeploymentRollout.Stage.UPDATING) {
            return now.sentence();
        }
        return now.deployment() + ": " + now.available() + " of " + now.desired() + " " + role + " pods ready"
                + now.podProblem().map(p -> "; pods: " + p.describe()).orElse("");
    }

    @SuppressWarnings("unchecked")
    private static <T> ResourceEventHandler<T> cast(ResourceEventHandler<Object> handler) {
        return (ResourceEventHandler<T>) (ResourceEventHandler<?>) handler;
    }

    /** Any event wakes the loop; what changed is read from the informers' stores. */
    private record Wake(Semaphore changed) implements ResourceEventHandler<Object> {
        @Override
        public void onAdd(Object obj) {
            changed.release();
        }

        @Override
        public void onUpdate(Object oldObj, Object newObj) {
            changed.release();
        }

        @Override
        public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
            changed.release();
        }
    }
}
