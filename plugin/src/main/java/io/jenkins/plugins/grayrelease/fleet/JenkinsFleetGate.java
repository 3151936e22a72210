package io.jenkins.plugins.grayrelease.fleet;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.grayrelease.ConsoleLinks;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.approval.Approval;
import io.jenkins.plugins.grayrelease.approval.ApprovalWaiters;
import io.jenkins.plugins.grayrelease.approval.Question;
import io.jenkins.plugins.grayrelease.core.fleet.FleetApproval;
import io.jenkins.plugins.grayrelease.core.fleet.FleetGate;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import java.util.function.BooleanSupplier;

/**
 * A fleet plan's wave approvals as the build page's buttons, the same approvals grayApproval and a
 * single target's grayRollout ask: one per wave and approval step, shown once under the fleet's table
 * (the table is recorded with the question). The runner decides what an answer does and enforces timeouts.
 * An approval answered before a controller restart is found by its id and not asked again.
 */
final class JenkinsFleetGate implements FleetGate {

    private final Run<?, ?> run;
    private final TaskListener listener;
    private final String idPrefix;
    private final FleetSettings fleet;
    private final String submitter;
    private final BooleanSupplier detached;

    JenkinsFleetGate(Run<?, ?> run, TaskListener listener, String idPrefix, FleetSettings fleet, String submitter, BooleanSupplier detached) {
        this.run = run;
        this.listener = listener;
        this.idPrefix = idPrefix;
        this.fleet = fleet;
        this.submitter = submitter;
        this.detached = detached;
    }

    @Override
    public Decision decide(FleetApproval request) throws InterruptedException {
        GrayReleaseAction action = GrayReleaseAction.of(run);
        String id = idPrefix + "-wave" + (request.wave().index() + 1) + "-step" + (request.step() + 1);
        Approval earlier = action.getApproval(id);
        if (earlier != null && earlier.getDecision() != null) {
            return earlier.getDecision();
        }
        action.recordFleet(fleet.label(), request.status(), fleet.recordedMembers(), null, null);
        Question question = Question.ofPlanStep(request.message(), submitter, request.allowed()::contains, request.timeout());
        String wave = request.wave().name() + ": " + String.join(", ", request.wave().targets().stream().map(t -> t.id()).toList());
        Approval asked = new Approval(id, fleet.id() + ", " + wave, question, System.currentTimeMillis());
        asked.setFleet(fleet.id());
        Approval approval = action.addApproval(asked);
        listener.getLogger().println(Messages.FleetGate_waiting(request.message(), ConsoleLinks.approval(run, approval)));
        return ApprovalWaiters.answerFor(run, approval, detached, Messages.FleetGate_stoppedWaiting(), Messages.FleetGate_shuttingDown());
    }
}
