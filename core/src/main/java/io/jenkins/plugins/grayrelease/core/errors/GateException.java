package io.jenkins.plugins.grayrelease.core.errors;


/** The gate itself failed or answered a decision the approval does not offer; the release was not changed. */
public final class GateException extends GrayReleaseException {
    private static final long serialVersionUID = 1L;

    public GateException(String step, String problem, String hint, Throwable cause) {
        super(null, step, problem, hint, cause);
    }
}
