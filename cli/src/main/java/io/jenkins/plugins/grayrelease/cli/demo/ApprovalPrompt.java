package io.jenkins.plugins.grayrelease.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The demo's approval gate, asked on the terminal: {@code --yes} answers it; otherwise a line is
 * read from stdin, and only {@code y}/{@code yes} approves. End of input counts as no answer,
 * which rejects: a release never goes ahead because nobody was there.
 */
final class ApprovalPrompt {

    private final boolean assumeYes;
    private final BufferedReader in;
    private final PrintWriter err;

    ApprovalPrompt(boolean assumeYes, BufferedReader in, PrintWriter err) {
        this.assumeYes = assumeYes;
        this.in = in;
        this.err = err;
    }

    boolean approve(String question) {
        err.print("? " + question + " [y/N] ");
        if (assumeYes) {
            err.println("yes (--yes)");
            err.flush();
            return true;
        }
        err.flush();
        String answer = readLine();
        if (answer == null) {
            err.println();
            err.println("» no answer (end of input): not approved");
            err.flush();
            return false;
        }
        String normalized = answer.trim().toLowerCase(Locale.ROOT);
        return normalized.equals("y") || normalized.equals("yes");
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
