package io.jenkins.plugins.grayrelease;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.model.Result;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.approval.Approval;
import io.jenkins.plugins.grayrelease.core.cluster.IstioResources;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The steps speak the engine's words: the testers {@code grayStatus} returns are given back to
 * {@code grayRelease(testers:)} as they are, and durations take the plan's form.
 */
@WithJenkins
class StepVocabularyPipelineTest {

    private MockCluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = MockCluster.startWithSampleApp();
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    private WorkflowJob job(JenkinsRule r, String name, String body) throws Exception {
        ReleaseJenkins.addTokenCredential(r);
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition("withGrayRelease(namespace: 'shop', service: 'reviews', stable: 'v1', canary: 'v2',"
                + " credentialsId: '" + ReleaseJenkins.CREDENTIALS_ID + "', serverUrl: '" + cluster.url() + "') {\n" + body + "}\n", true));
        return p;
    }

    private JsonNode httpRoutes() {
        try (KubernetesClient client = cluster.client()) {
            return new IstioResources(client).get(IstioResources.VIRTUAL_SERVICE, Variant.SUBSETS.namespace(),
                    Variant.SUBSETS.service()).path("spec").path("http");
        }
    }

    @Test
    void theTestersOfGrayStatusGivenBackToGrayReleaseMakeTheSameRoutes(JenkinsRule r) throws Exception {
        // Older spellings (prefix, regex) are still accepted as input.
        r.buildAndAssertSuccess(job(r, "set", "grayRelease(testers: [[name: 'end-user', value: 'jason'],"
                + " [kind: 'prefix', name: 'user-agent', value: 'Beta/'], [kind: 'header-regex', name: 'x-tenant', value: '^qa-.*'],"
                + " [kind: 'cookie', name: 'canary', value: 'always']])\n"));
        JsonNode before = httpRoutes();

        WorkflowRun b = r.buildAndAssertSuccess(job(r, "given-back", """
                def s = grayStatus()
                echo "kinds: ${s.testers.collect { it.kind }}"
                grayRelease(removeTesters: true)
                grayRelease(testers: s.testers)
                """));

        r.assertLogContains("kinds: [header, header-prefix, header-regex, cookie]", b);
        assertThat(httpRoutes()).isEqualTo(before);
    }

    @Test
    void anUnknownTesterKindFailsNamingTheFourKindsAndWritesNothing(JenkinsRule r) throws Exception {
        String version = cluster.resourceVersion();

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job(r, "bad-kind",
                "grayRelease(testers: [[kind: 'query', name: 'beta', value: '1']])\n"));

        r.assertLogContains("grayRelease: testers: kind 'query' of 'beta' is unknown."
                + " Use header, header-prefix, header-regex or cookie", b);
        assertThat(cluster.resourceVersion()).isEqualTo(version);
    }

    @Test
    void anApprovalTimeoutInThePlansFormSetsTheDeadlineAndAWholeNumberIsMinutes(JenkinsRule r) throws Exception {
        WorkflowRun seconds = job(r, "seconds", "grayApproval(message: 'Promote?', timeout: '90s')\n").scheduleBuild2(0).waitForStart();
        r.waitForMessage("nobody answering within 90s decides rollback", seconds);
        Approval a = ReleaseJenkins.pendingApproval(seconds);
        assertThat(a.getDeadline() - a.getCreatedAt()).isEqualTo(90_000L);

        WorkflowRun minutes = job(r, "minutes", "grayApproval(message: 'Promote?', timeout: 30)\n").scheduleBuild2(0).waitForStart();
        r.waitForMessage("nobody answering within 30m decides rollback", minutes);
        Approval m = ReleaseJenkins.pendingApproval(minutes);
        assertThat(m.getDeadline() - m.getCreatedAt()).isEqualTo(30 * 60_000L);
        seconds.doStop();
        minutes.doStop();
        r.waitForCompletion(seconds);
        r.waitForCompletion(minutes);
    }

    @Test
    void aBadDurationFailsTheStepNamingTheParameterTheValueAndTheForms(JenkinsRule r) throws Exception {
        WorkflowRun approval = r.buildAndAssertStatus(Result.FAILURE, job(r, "bad-approval",
                "grayApproval(message: 'Promote?', timeout: '5x')\n"));
        r.assertLogContains("grayApproval: timeout: '5x' is not a duration; write a number with a unit (ms, s, m, h, d),"
                + " for example 30s, 5m or 1h30m, or a whole number of minutes", approval);

        WorkflowRun deploy = r.buildAndAssertStatus(Result.FAILURE, job(r, "bad-deploy",
                "grayDeploy(image: 'reviews:2', version: 'v2', timeout: 300)\n"));
        r.assertLogContains("grayDeploy: timeout: '300' is not a duration; write a number with a unit (ms, s, m, h, d),"
                + " for example 30s, 5m or 1h30m", deploy);
    }
}
