package io.jenkins.plugins.grayrelease.core.workload;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Whether and how long an operation waits for a Deployment's pods to be ready, and where it
 * tells its progress ("2 of 3 canary pods ready").
 *
 * @param enabled  false: return once the Deployment is written (what {@code --no-wait} asks)
 * @param timeout  how long to wait at most; null: the Deployment's own {@code progressDeadlineSeconds}
 *                 (Kubernetes' deadline, 600 s unless the Deployment says otherwise)
 * @param progress receives one sentence whenever the readiness changes
 */
public record WorkloadWait(boolean enabled, Duration timeout, Consumer<String> progress) {

    public WorkloadWait {
        Objects.requireNonNull(progress, "progress");
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("a wait timeout must be longer than 0, got " + timeout);
        }
    }

    /** Waits up to the Deployment's progress deadline, telling nobody. */
    public static WorkloadWait defaults() {
        return new WorkloadWait(true, null, sentence -> { });
    }

    /** Does not wait. */
    public static WorkloadWait none() {
        return new WorkloadWait(false, null, sentence -> { });
    }

    public WorkloadWait withTimeout(Duration value) {
        return new WorkloadWait(enabled, value, progress);
    }

    public WorkloadWait withProgress(Consumer<String> value) {
        return new WorkloadWait(enabled, timeout, value);
    }
}
