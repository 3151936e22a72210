package io.jenkins.plugins.grayrelease.core.errors;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The API server refused a route-scoped write because one of its {@code test} guards did not hold
 * (it answers 422, as for any JSON Patch that does not apply): someone changed what the plan read.
 * Told apart from a refusal of the change itself by checking the guards against a fresh read; the
 * retry loop treats it like a 409: re-read, re-plan, retry.
 */
public final class GuardRefusedException extends KubernetesClientException {

    private final KubernetesClientException answer;

    public GuardRefusedException(KubernetesClientException answer) {
        super("a guarded write found the route or record it read changed: " + answer.getMessage(), answer);
        this.answer = answer;
    }

    /** The server's answer: 422. */
    @Override
    public int getCode() {
        return answer.getCode();
    }

    @Override
    public Status getStatus() {
        return answer.getStatus();
    }
}
