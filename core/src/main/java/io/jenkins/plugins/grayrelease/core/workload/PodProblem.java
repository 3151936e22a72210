package io.jenkins.plugins.grayrelease.core.workload;

/**
 * Why a Deployment's pods are not ready, as Kubernetes reports it: the reason most of its
 * not-ready pods share ({@code CrashLoopBackOff}, {@code ImagePullBackOff}, {@code Unschedulable},
 * {@code OOMKilled}, ...), with one such pod and its message as an example.
 *
 * @param reason   Kubernetes' reason, e.g. {@code CrashLoopBackOff}; {@code NotReady} for a running
 *                 pod whose readiness probe fails, {@code Pending} when nothing more is known
 * @param pod      the name of one pod with this reason
 * @param message  Kubernetes' message for it (may be empty), e.g. the scheduler's "0/3 nodes are available: ..."
 * @param pods     how many pods have this reason
 * @param notReady how many of the pods looked at are not ready
 */
public record PodProblem(String reason, String pod, String message, int pods, int notReady) {

    /** {@code CrashLoopBackOff (2 of 3 pods not ready, e.g. reviews-v2-abc: back-off 40s restarting failed container)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(reason).append(" (").append(pods).append(pods == 1 ? " pod" : " pods");
        if (notReady > pods) {
            sb.append(" of ").append(notReady).append(" not ready");
        }
        sb.append(", e.g. ").append(pod);
        if (message != null && !message.isBlank()) {
            sb.append(": ").append(message.strip());
        }
        return sb.append(')').toString();
    }
}
