package io.jenkins.plugins.grayrelease;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.testing.FaultInjector.Fault;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** A build waiting on a struggling API server says so in its log at each retry, not only after the last one. */
@WithJenkins
class RetryNoticesPipelineTest {

    @RegisterExtension
    final MockCluster cluster = MockCluster.sampleAppWithFaults();

    @Test
    void aRetriedWriteIsToldInTheBuildLogWithTheServerAndTheAnswer(JenkinsRule r) throws Exception {
        WorkflowJob p = ReleaseJenkins.sampleJob(r, cluster, "retried", "  grayRelease(weight: 10)\n");
        cluster.faults().fail("PATCH", "/virtualservices/reviews", Fault.HTTP_503, 1);

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("warning: the API server " + cluster.url(), b);
        r.assertLogContains("answered 503", b);
        r.assertLogContains("retrying (attempt 2 of ", b);
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 90, "v2", 10));
    }
}
