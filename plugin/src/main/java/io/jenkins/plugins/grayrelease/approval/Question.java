package io.jenkins.plugins.grayrelease.approval;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What an approval asks, before it is put on the build page.
 *
 * @param message        the question
 * @param submitter      who may answer (comma-separated users or groups), or null for anyone with Build
 * @param choices        the decisions offered, in the engine's vocabulary
 * @param timeout        how long to wait before nobody answering decides; zero waits forever
 */
public record Question(String message, @CheckForNull String submitter, List<DecisionKind> choices, Duration timeout) {

    public Question {
        choices = List.copyOf(choices);
    }

    /**
     * A plan's approval step as a question: the decisions it allows in the plan's order (so the buttons read as
     * the plan lists them), and its timeout, none meaning wait forever. The runner enforces the timeout.
     */
    public static Question ofPlanStep(String message, @CheckForNull String submitter, Predicate<DecisionKind> allowed,
            Optional<Duration> timeout) {
        return new Question(message, submitter, Arrays.stream(DecisionKind.values()).filter(allowed).toList(), timeout.orElse(Duration.ZERO));
    }
}
