package io.jenkins.plugins.grayrelease.fleet;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.cluster.ReleaseSession;
import io.jenkins.plugins.grayrelease.core.TargetSettings;
import io.jenkins.plugins.grayrelease.core.fleet.FleetOutcome;
import io.jenkins.plugins.grayrelease.core.fleet.FleetPlan;
import io.jenkins.plugins.grayrelease.core.fleet.FleetRelease;
import io.jenkins.plugins.grayrelease.core.fleet.FleetRunner;
import io.jenkins.plugins.grayrelease.core.fleet.FleetStatus;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanTargets;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code grayRollout} with a plan that names {@code targets:}/{@code waves:}: the engine's fleet runner
 * does every step; Jenkins supplies each target's cluster (its {@code cluster:} is a credential id, or
 * the enclosing withGrayRelease's credential when it names none), asks the wave approvals on the build
 * page and shows the fleet's table there.
 */
public final class FleetPlanRun {

    /** What the run needs from the step: where it is, who may approve, how to tell it was detached. */
    public record Context(Run<?, ?> build, TaskListener listener, String approvalIdPrefix, @CheckForNull String submitter,
                          BooleanSupplier detached, Consumer<FleetRunner> started) {
    }

    /** How the run ended, and every member as it was left (read after the end). */
    public record Ended(FleetOutcome outcome, FleetStatus left) {
    }

    private FleetPlanRun() {
    }

    /**
     * Runs the plan's waves and promotes everywhere, or rolls back every shifted target on a failure.
     *
     * @param around the enclosing withGrayRelease's settings (the credential of targets naming no cluster), or null
     * @throws IOException naming a credential that is missing or unusable, before anything is written
     */
    public static Ended run(FleetPlan plan, @CheckForNull ReleaseSettings around, FleetRunner.Settings settings, Context context)
            throws IOException {
        FleetSettings members = membersOf(plan, around);
        Run<?, ?> build = context.build();
        ConsoleFleetListener console = new ConsoleFleetListener(context.listener().getLogger(), plan.fleet().id());
        try (JenkinsFleetConnections connections = JenkinsFleetConnections.resolve(members, build);
             FleetRelease release = new FleetRelease(plan.fleet(), connections, console, FleetRelease.Settings.defaults())) {
            FleetRunner runner = new FleetRunner(release, new JenkinsFleetGate(build, context.listener(), context.approvalIdPrefix(),
                    members, context.submitter(), context.detached()), console, settings)
                    // Answered on the build page only: grayctl decide on a member refuses, naming the build.
                    .answeredAt(ReleaseSession.origin(build));
            context.started().accept(runner);
            FleetOutcome outcome = runner.run(plan);
            FleetStatus left = release.status();
            GrayReleaseAction.of(build).recordFleet(members.label(), left, members.recordedMembers(),
                    ReleaseSession.buildActor(build).user(), outcome.summary());
            return new Ended(outcome, left);
        }
    }

    /** What grayRollout returns for a fleet plan: core's document of the outcome with every member as it was left. */
    public static java.util.Map<String, Object> document(Ended ended) {
        return StatusDocument.of(ended.outcome(), ended.left());
    }

    /** Each target of the plan with the credential its {@code cluster:} names, over the enclosing block's settings. */
    static FleetSettings membersOf(FleetPlan plan, @CheckForNull ReleaseSettings around) {
        List<FleetSettings.Member> members = new ArrayList<>();
        List<PlanTargets.Wave> waves = plan.plan().fleet().waves();
        for (int w = 0; w < waves.size(); w++) {
            for (PlanTargets.Target t : waves.get(w).targets()) {
                ReleaseSettings s = ReleaseSettings.of(TargetSettings.of(t.target())).withCredentialsId(t.cluster()).over(around);
                members.add(new FleetSettings.Member(t.cluster(), w + 1, s));
            }
        }
        return FleetSettings.restored(plan.fleet().id(), members);
    }
}
