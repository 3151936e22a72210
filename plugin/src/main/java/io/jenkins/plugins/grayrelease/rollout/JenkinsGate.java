package io.jenkins.plugins.grayrelease.rollout;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.grayrelease.ConsoleLinks;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.approval.Approval;
import io.jenkins.plugins.grayrelease.approval.ApprovalBook;
import io.jenkins.plugins.grayrelease.approval.ApprovalWaiters;
import io.jenkins.plugins.grayrelease.approval.Decision;
import io.jenkins.plugins.grayrelease.core.rollout.ApprovalRequest;
import io.jenkins.plugins.grayrelease.core.rollout.Gate;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * The plan's approvals as buttons on the build page. Each approval step gets a fixed id, so a
 * rollout resumed after a restart finds the answer given before it instead of asking again.
 * Timeouts are the runner's: it interrupts the wait and applies the plan's {@code onTimeout}.
 */
final class JenkinsGate implements Gate {

    private final Run<?, ?> run;
    private final TaskListener listener;
    private final String idPrefix;
    private final String target;
    private final String submitter;

    JenkinsGate(Run<?, ?> run, TaskListener listener, String idPrefix, String target, String submitter) {
        this.run = run;
        this.listener = listener;
        this.idPrefix = idPrefix;
        this.target = target;
        this.submitter = submitter;
    }

    @Override
    public io.jenkins.plugins.grayrelease.core.rollout.Decision decide(ApprovalRequest request) throws InterruptedException {
        int minutes = request.timeout().map(d -> (int) Math.max(1, (d.toSeconds() + 59) / 60)).orElse(0);
        Approval approval = GrayReleaseAction.of(run).addApproval(new Approval(idPrefix + "-step" + (request.step() + 1),
                target, request.message(), submitter, choices(request), System.currentTimeMillis(), minutes));
        listener.getLogger().println("[gray rollout] Waiting for a decision: " + request.message() + " — "
                + ConsoleLinks.approval(run, approval));
        try {
            Decision d = ApprovalWaiters.await(run, approval).get();
            return toEngine(d, approval.getDecidedBy());
        } catch (InterruptedException | CancellationException e) {
            ApprovalBook.cancel(run, approval, "the rollout stopped waiting (timeout or build stopped)");
            throw e instanceof InterruptedException ie ? ie : new InterruptedException("approval cancelled");
        } catch (ExecutionException e) {
            // Never completed exceptionally; a failure here is a bug, and the runner ends the run without changes.
            throw new IllegalStateException("approval " + approval.getId() + " failed", e);
        }
    }

    private static String choices(ApprovalRequest request) {
        List<String> names = new ArrayList<>();
        for (DecisionKind k : DecisionKind.values()) {
            if (request.allows(k)) {
                names.add(k == DecisionKind.SET_WEIGHT ? "weight" : k.planName());
            }
        }
        return String.join(",", names);
    }

    static io.jenkins.plugins.grayrelease.core.rollout.Decision toEngine(Decision d, String by) {
        switch (d.kind()) {
            case PROMOTE:
                return io.jenkins.plugins.grayrelease.core.rollout.Decision.promote(by);
            case ROLLBACK:
                return io.jenkins.plugins.grayrelease.core.rollout.Decision.rollback(by);
            case ABORT:
                return io.jenkins.plugins.grayrelease.core.rollout.Decision.abort(by);
            case WEIGHT:
            default:
                return io.jenkins.plugins.grayrelease.core.rollout.Decision.setWeight(d.weight(), by);
        }
    }
}
