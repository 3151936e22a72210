package io.jenkins.plugins.grayrelease.core.workload;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reason pods are not ready, read from their status the way {@code kubectl get pods} shows it
 * (its STATUS column): a failed or evicted pod, an unschedulable one, an init or app container
 * waiting ({@code ImagePullBackOff}, {@code CrashLoopBackOff}, {@code CreateContainerConfigError})
 * or terminated ({@code Error}, {@code OOMKilled}), or a running container whose readiness probe
 * fails. Pure: no cluster access.
 */
public final class PodProblems {

    /** What a pod whose containers run but do not pass their readiness probe is reported as. */
    public static final String NOT_READY = "NotReady";
    /** A pod with no further detail (not yet scheduled, nothing reported). */
    public static final String PENDING = "Pending";

    private PodProblems() {
    }

    /**
     * The reason most of the not-ready pods share (ties: the first seen), or empty when every pod
     * is ready or there are none.
     */
    public static Optional<PodProblem> of(List<Pod> pods) {
        Map<String, List<Found>> byReason = new LinkedHashMap<>();
        int notReady = 0;
        for (Pod pod : pods) {
            if (isReady(pod)) {
                continue;
            }
            notReady++;
            Found found = reason(pod);
            byReason.computeIfAbsent(found.reason(), r -> new ArrayList<>()).add(found);
        }
        List<Found> most = null;
        for (List<Found> group : byReason.values()) {
            if (most == null || group.size() > most.size()) {
                most = group;
            }
        }
        if (most == null) {
            return Optional.empty();
        }
        Found example = most.get(0);
        return Optional.of(new PodProblem(example.reason(), example.pod(), example.message(), most.size(), notReady));
    }

    /** Whether the pod's {@code Ready} condition is true (what Services and Istio send traffic by). */
    public static boolean isReady(Pod pod) {
        return pod.getStatus() != null && condition(pod.getStatus(), "Ready")
                .map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    private record Found(String reason, String pod, String message) {
    }

    private static Found reason(Pod pod) {
        String name = pod.getMetadata() == null ? "(unnamed pod)" : pod.getMetadata().getName();
        PodStatus status = pod.getStatus();
        if (status == null) {
            return new Found(PENDING, name, "");
        }
        if ("Failed".equals(status.getPhase())) {
            return new Found(orElse(status.getReason(), "Failed"), name, status.getMessage());
        }
        if (pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null) {
            return new Found("Terminating", name, "");
        }
        Optional<PodCondition> scheduled = condition(status, "PodScheduled").filter(c -> "False".equals(c.getStatus()));
        if (scheduled.isPresent()) {
            return new Found(orElse(scheduled.get().getReason(), "Unschedulable"), name, scheduled.get().getMessage());
        }
        Found init = containers(status.getInitContainerStatuses(), name, "Init:");
        if (init != null) {
            return init;
        }
        Found app = containers(status.getContainerStatuses(), name, "");
        if (app != null) {
            return app;
        }
        Optional<PodCondition> ready = condition(status, "Ready");
        if (ready.isPresent() && "Running".equals(status.getPhase())) {
            return new Found(NOT_READY, name, orElse(ready.get().getMessage(), "the readiness probe does not pass"));
        }
        return new Found(orElse(status.getReason(), orElse(status.getPhase(), PENDING)), name, status.getMessage());
    }

    /** The first container waiting, or terminated, or running but not ready; null when all are ready. */
    private static Found containers(List<ContainerStatus> statuses, String pod, String prefix) {
        if (statuses == null) {
            return null;
        }
        for (ContainerStatus c : statuses) {
            ContainerState state = c.getState();
            if (state != null && state.getWaiting() != null && state.getWaiting().getReason() != null
                    && !"PodInitializing".equals(state.getWaiting().getReason())) {
                return new Found(prefix + state.getWaiting().getReason(), pod, withLastExit(c, state.getWaiting().getMessage()));
            }
            if (state != null && state.getTerminated() != null && !isSuccess(state.getTerminated().getExitCode(), prefix)) {
                return new Found(prefix + orElse(state.getTerminated().getReason(), "Error"), pod,
                        "container " + c.getName() + " exited with code " + state.getTerminated().getExitCode());
            }
        }
        for (ContainerStatus c : statuses) {
            if (!prefix.isEmpty() && (c.getState() == null || c.getState().getTerminated() == null)) {
                return new Found("PodInitializing", pod, "init container " + c.getName() + " has not finished");
            }
        }
        return null;
    }

    /** A crash loop says more with the last exit: "back-off 40s ...; last exit: OOMKilled (137)". */
    private static String withLastExit(ContainerStatus c, String message) {
        String text = orElse(message, "");
        if (c.getLastState() != null && c.getLastState().getTerminated() != null) {
            var last = c.getLastState().getTerminated();
            text = (text.isEmpty() ? "" : text + "; ") + "last exit: " + orElse(last.getReason(), "Error") + " (" + last.getExitCode() + ")";
        }
        return text;
    }

    private static boolean isSuccess(Integer exitCode, String prefix) {
        // A finished init container is the normal case; an app container that exited is not ready.
        return !prefix.isEmpty() && exitCode != null && exitCode == 0;
    }

    private static Optional<PodCondition> condition(PodStatus status, String type) {
        return status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
