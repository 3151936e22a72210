package io.jenkins.plugins.grayrelease.core.it;

/**
 * The real API server, etcd, kubectl or Istio's validator is not in the test cache. Tests that
 * need them fail with this (never skip), and the message says how to build them.
 */
public final class MissingTestBinariesException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public MissingTestBinariesException(String message) {
        super(message);
    }
}
