package io.jenkins.plugins.grayrelease.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Where grayctl talks: results on {@code out}, progress, prompts and errors on {@code err},
 * answers from {@code in}. Tests pass their own streams; {@code interactive} says whether a
 * person watches (then the demo animates its view).
 */
public record Terminal(BufferedReader in, PrintWriter out, PrintWriter err, boolean interactive) {

    /** The process's own streams, in UTF-8 so that the weight bars print the same everywhere. */
    public static Terminal system() {
        return new Terminal(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                System.console() != null);
    }

    public void flush() {
        out.flush();
        err.flush();
    }
}
