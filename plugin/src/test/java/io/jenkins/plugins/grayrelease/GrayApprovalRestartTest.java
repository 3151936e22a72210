package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.ACCEPTED;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.answer;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Computer;
import hudson.model.Executor;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.approval.Approval;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** A controller restart while a build waits for a decision loses neither the wait nor the answer. */
class GrayApprovalRestartTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    /** Outlives the Jenkins restarts: it stands for the real cluster, which does not restart with Jenkins. */
    @RegisterExtension
    static final MockCluster cluster = MockCluster.sampleApp();

    @Test
    void aBuildWaitingForApprovalResumesAfterRestartAndFollowsTheAnswer() throws Throwable {
        sessions.then(r -> {
            ReleaseJenkins.secure(r);
            WorkflowRun b = ReleaseJenkins.startAndWaitForApproval(r, ReleaseJenkins.releaseJob(r, cluster, ""));
            assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));
            assertThat(busyExecutors(r.jenkins.toComputer())).as("waiting holds no executor").isZero();
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("shop-release", WorkflowJob.class).getBuildByNumber(1);
            assertThat(b.isBuilding()).isTrue();
            Approval approval = pendingApproval(b);

            assertThat(answer(r, b, "alice", approval.getId(), "promote", null).status()).isEqualTo(ACCEPTED);

            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("decision: promote", b);
            assertThat(cluster.primaryWeights().get("v2")).isEqualTo(100);
        });
    }

    @Test
    void anAnswerRecordedJustBeforeTheRestartIsNotAskedAgain() throws Throwable {
        sessions.then(r -> {
            WorkflowRun b = ReleaseJenkins.startAndWaitForApproval(r, ReleaseJenkins.releaseJob(r, cluster, ""));
            // Recorded in build.xml without waking the step, as if the controller went down in between.
            pendingApproval(b).record(Decision.rollback("alice"), System.currentTimeMillis(), null);
            b.save();
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("shop-release", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("decision: rollback", b);
            assertThat(b.getAction(GrayReleaseAction.class).getPendingApprovals()).isEmpty();
            assertThat(cluster.primaryWeights().get("v1")).isEqualTo(100);
        });
    }

    /**
     * Busy regular executors: the ones a {@code node} block takes. Every Pipeline build also holds
     * a one-off "flyweight" executor on the controller while it runs, whatever it waits for; that
     * one is not counted.
     */
    private static int busyExecutors(Computer c) {
        int busy = 0;
        for (Executor e : c.getExecutors()) {
            if (e.isBusy()) {
                busy++;
            }
        }
        return busy;
    }
}
