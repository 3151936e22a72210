package io.jenkins.plugins.grayrelease.core.errors;


/** The plan analyses metrics but its Prometheus does not answer; found before the first write. */
public final class AnalysisUnavailableException extends GrayReleaseException {
    private static final long serialVersionUID = 1L;

    public AnalysisUnavailableException(String problem, String hint, Throwable cause) {
        super(null, "prometheus.url", problem, hint, cause);
    }
}
