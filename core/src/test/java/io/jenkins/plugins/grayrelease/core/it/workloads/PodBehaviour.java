package io.jenkins.plugins.grayrelease.core.it.workloads;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.Map;

/**
 * What KWOK makes of a pod on the {@link WorkloadCluster}, chosen with the label or annotation
 * {@value #KEY} (the annotation wins). Our stage files (pod-stages.yaml, pod-failure-stages.yaml)
 * give each the status a kubelet reports for it.
 *
 * <p>On a Deployment's pod template ({@link #annotation()} in the template's annotations) every
 * pod of it behaves so from the start; on a live pod ({@link #simulateOn}) it changes that pod
 * from now on, e.g. a canary that starts crashing after traffic moved to it. A pod without the
 * key, or with {@link #READY}, becomes Running and Ready.
 */
public enum PodBehaviour {

    /** Running, every container running and ready, Ready=True (also: a failure removed again). */
    READY("ready"),
    /** Running with its containers running but not ready (a failing readiness probe): Ready=False, reason ContainersNotReady. */
    NEVER_READY("never-ready"),
    /** Running, Ready=False, containers waiting with reason CrashLoopBackOff, last state terminated (Error, exit code 1), restartCount rising every few seconds. */
    CRASH_LOOP("crash-loop"),
    /** Pending, Ready=False, containers waiting with reason ErrImagePull and a second later ImagePullBackOff. Meant for pod templates. */
    IMAGE_PULL_FAILURE("image-pull-failure");

    public static final String KEY = "gray-release.test/simulate";
    /** A pod annotation (a Go duration, e.g. {@code 5s}) that keeps a bound pod Pending that long before it starts and turns Ready. */
    public static final String START_DELAY_KEY = "gray-release.test/start-delay";

    private final String value;

    PodBehaviour(String value) {
        this.value = value;
    }

    /** The value of {@value #KEY} that asks for this behaviour. */
    public String value() {
        return value;
    }

    /** {@value #KEY} set to this behaviour, for a pod template's annotations or labels. */
    public Map<String, String> annotation() {
        return Map.of(KEY, value);
    }

    /** {@value #START_DELAY_KEY} for a pod template: its pods start (and turn Ready) {@code delay} after they are bound, like a slow application. */
    public static Map<String, String> startDelay(Duration delay) {
        return Map.of(START_DELAY_KEY, delay.toMillis() + "ms");
    }

    /** Sets the annotation on a live pod (a patch of that one key); KWOK acts on it within a second or so. */
    public void simulateOn(KubernetesClient client, Pod pod) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                        "{\"metadata\":{\"annotations\":{\"" + KEY + "\":\"" + value + "\"}}}");
    }
}
