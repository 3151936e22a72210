package io.jenkins.plugins.grayrelease.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * An approval nobody answers is decided by its timeout, counted from when it was asked: time that
 * passes while the controller is down counts too. The clock approvals are timed with is moved on
 * instead of waiting an hour.
 */
class ApprovalTimeoutTest {

    private static final Instant ASKED = Instant.parse("2026-12-01T09:00:00Z");

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @AfterEach
    void wallClockAgain() {
        ApprovalTimeouts.useClock(Clock.systemUTC());
    }

    @Test
    void anApprovalWhoseTimeoutPassedWhileJenkinsWasDownIsDecidedByNobodyOnResume() throws Throwable {
        sessions.then(r -> {
            ApprovalTimeouts.useClock(Clock.fixed(ASKED, ZoneOffset.UTC));
            WorkflowJob p = r.createProject(WorkflowJob.class, "approve");
            p.setDefinition(new CpsFlowDefinition("def d = grayApproval(message: 'Promote?', timeout: 60)\n"
                    + "echo \"decision: ${d.decision} by ${d.decidedBy}, timed out: ${d.timedOut}\"\n", true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("Waiting for a decision: Promote?", b);
            // The controller stays down for 61 minutes.
            ApprovalTimeouts.useClock(Clock.fixed(ASKED.plus(Duration.ofMinutes(61)), ZoneOffset.UTC));
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("approve", WorkflowJob.class).getBuildByNumber(1);

            r.assertBuildStatusSuccess(r.waitForCompletion(b));

            r.assertLogContains("decision: rollback by timeout after 1h, timed out: true", b);
        });
    }
}
