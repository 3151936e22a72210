package io.jenkins.plugins.grayrelease.approval;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import java.time.Duration;
import java.util.List;

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
}
