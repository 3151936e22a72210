package io.jenkins.plugins.grayrelease.core.rollout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A gate that answers from a script, for tests: each question takes
 * the next decision; when the script is exhausted it waits until interrupted (as a person who
 * never answers, so the step's timeout applies). Remembers every question it was asked.
 */
public final class ScriptedGate implements Gate {
    private final Deque<Decision> answers;
    private final List<ApprovalRequest> asked = new ArrayList<>();

    public ScriptedGate(Decision... answers) {
        this.answers = new ArrayDeque<>(Arrays.asList(answers));
    }

    /** A gate nobody answers: every approval ends by its timeout (or waits forever without one). */
    public static ScriptedGate silent() {
        return new ScriptedGate();
    }

    @Override
    public Decision decide(ApprovalRequest request) throws InterruptedException {
        Decision next;
        synchronized (this) {
            asked.add(request);
            next = answers.poll();
        }
        if (next == null) {
            Object never = new Object();
            synchronized (never) {
                while (true) {
                    never.wait();
                }
            }
        }
        return next;
    }

    /** Every question asked so far, in order. */
    public synchronized List<ApprovalRequest> asked() {
        return List.copyOf(asked);
    }
}
