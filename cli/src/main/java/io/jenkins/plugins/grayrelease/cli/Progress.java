package io.jenkins.plugins.grayrelease.cli;

import java.io.PrintWriter;

/**
 * Progress of long operations (what is being written, what is waited for) on stderr, so that
 * stdout carries only the result and stays parseable with {@code -o json}.
 */
public final class Progress {

    private final PrintWriter err;

    public Progress(PrintWriter err) {
        this.err = err;
    }

    public void step(String what) {
        err.println("» " + what);
        err.flush();
    }
}
