package io.jenkins.plugins.grayrelease.cli.demo;

import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo's approval gate, asked on the terminal: {@code --yes} answers it; otherwise a line is
 * read from stdin, and only {@code y}/{@code yes} approves. End of input means nobody can answer,
 * which the engine's rule decides ({@link Decision#noAnswerPossible}: roll back), so a release
 * never goes ahead because nobody was there.
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

    /** Promote when approved, roll back when refused or when nobody can answer. */
    Decision decide(String question) {
        err.print("? " + question + " [y/N] ");
        if (assumeYes) {
            err.println("yes (--yes)");
            err.flush();
            return Decision.promote("--yes");
        }
        err.flush();
        String answer = readLine();
        if (answer == null) {
            err.println();
            err.println("» no answer (end of input): not approved");
            err.flush();
            return Decision.noAnswerPossible(Optional.empty(), "terminal");
        }
        String normalized = answer.trim().toLowerCase(Locale.ROOT);
        return normalized.equals("y") || normalized.equals("yes") ? Decision.promote("terminal") : Decision.rollback("terminal");
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
