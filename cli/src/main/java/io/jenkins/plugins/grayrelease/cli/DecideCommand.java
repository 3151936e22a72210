package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.cli.output.ResultPrinter;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.cluster.ClusterIdentity;
import io.jenkins.plugins.grayrelease.core.rollout.ClusterDecision;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import java.time.Clock;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code grayctl decide SERVICE promote|rollback|abort|weight N}: answers the approval a
 * {@code grayctl rollout} waits for, from any shell, by anyone allowed to patch the routing
 * object. The answer is recorded on the release with the answerer's Kubernetes identity; the
 * waiting run takes it through its watch. Approvals of Jenkins builds are answered in Jenkins only.
 */
@Command(name = "decide", mixinStandardHelpOptions = true,
        description = "Answer the approval a 'grayctl rollout' waits for, from any shell: promote, rollback, abort or weight N."
                + " Recorded on the release with your Kubernetes identity; 'grayctl status' shows the question.")
final class DecideCommand extends ReleaseCommand {

    @Parameters(index = "1", paramLabel = "DECISION", description = "promote, rollback, abort, or weight (with N).")
    String decision;

    @Parameters(index = "2", arity = "0..1", paramLabel = "N", description = "The canary weight for 'weight', 0-100.")
    String weight;

    @Override
    void validate() {
        super.validate();
        String kind = kind();
        boolean isWeight = DecisionKind.SET_WEIGHT.planName().equals(kind);
        if (isWeight && weight == null) {
            throw usage("'weight' needs the canary weight", "e.g. 'grayctl decide " + service + " weight 30'");
        }
        if (!isWeight && weight != null) {
            throw usage("'" + decision + "' takes no number (got " + weight + ")", "Only 'weight N' takes one");
        }
    }

    @Override
    int run(ClusterSession session, ReleaseTarget target, ResultPrinter printer) {
        String answerer = ClusterIdentity.of(session.client(), System.getProperty("user.name") + " (not confirmed by the API server)");
        ReleaseStatus answered = ClusterDecision.answer(session.engine(), target, kind(), weight, answerer, Clock.systemUTC());
        progress().step("answered " + (weight == null ? kind() : kind() + " " + weight) + " as " + answerer
                + " on " + target.routingRef() + "; the waiting rollout takes it");
        printer.status(answered);
        return ExitCodes.OK;
    }

    /** The decision's name in the engine's vocabulary: {@code weight} is {@code setWeight}. */
    private String kind() {
        String d = decision.trim().toLowerCase(Locale.ROOT);
        return d.equals("weight") || d.equals("setweight") ? DecisionKind.SET_WEIGHT.planName() : d;
    }
}
