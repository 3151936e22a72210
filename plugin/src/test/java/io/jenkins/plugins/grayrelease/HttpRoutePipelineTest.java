package io.jenkins.plugins.grayrelease;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** A Jenkinsfile releasing through a Gateway API HTTPRoute ({@code withGrayRelease(httpRoute: …)}) against a mock Kubernetes API. */
@WithJenkins
class HttpRoutePipelineTest {

    @RegisterExtension
    final MockCluster cluster = MockCluster.sampleApp();

    private String block(String body) {
        return "withGrayRelease(namespace: 'shop', service: 'reviews', httpRoute: 'reviews', route: 'main',"
                + " stable: 'reviews-stable', canary: 'reviews-canary',"
                + " credentialsId: '" + ReleaseJenkins.CREDENTIALS_ID + "', serverUrl: '" + cluster.url() + "') {\n" + body + "}\n";
    }

    @Test
    void weightTestersStatusAndPromoteMoveTheHttpRoutesBackendRefs(JenkinsRule r) throws Exception {
        ReleaseJenkins.addTokenCredential(r);
        WorkflowJob p = r.createProject(WorkflowJob.class, "http-route");
        p.setDefinition(new CpsFlowDefinition(block(
                "  def s = grayRelease(weight: 20, testers: [[name: 'x-canary', value: 'yes']])\n"
                + "  echo \"split: ${s.weights.stable}/${s.weights.canary}, testers: ${s.testers.collect { it.name + '=' + it.value }}, on ${s.routeKind} ${s.routingObject}\"\n"
                + "  echo \"status: ${grayStatus().weights.canary} % to ${grayStatus().canary.host}\"\n"
                + "  grayPromote()\n"), true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("split: 80/20, testers: [x-canary=yes], on HTTPRoute reviews", b);
        r.assertLogContains("status: 20 % to reviews-canary", b);
        assertThat(cluster.mainRuleWeights()).isEqualTo(Map.of("reviews-canary", 100));
        assertThat(cluster.primaryWeights()).as("the VirtualService of the same name is not touched").isEqualTo(Map.of("v1", 100));
    }

    @Test
    void aRolloutPlanInsideTheBlockRunsOnTheHttpRouteToItsPromotion(JenkinsRule r) throws Exception {
        ReleaseJenkins.addTokenCredential(r);
        WorkflowJob p = r.createProject(WorkflowJob.class, "http-route-rollout");
        p.setDefinition(new CpsFlowDefinition(block("  grayRollout(plan: 'steps: [{setWeight: 30}]')\n"), true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("30 %", b);
        assertThat(cluster.mainRuleWeights()).as("a plan that runs to its end promotes").isEqualTo(Map.of("reviews-canary", 100));
        assertThat(cluster.primaryWeights()).isEqualTo(Map.of("v1", 100));
    }

    @Test
    void anHttpRouteTogetherWithAVirtualServiceFailsNamingBoth(JenkinsRule r) throws Exception {
        ReleaseJenkins.addTokenCredential(r);
        WorkflowJob p = r.createProject(WorkflowJob.class, "both");
        p.setDefinition(new CpsFlowDefinition("withGrayRelease(namespace: 'shop', service: 'reviews', httpRoute: 'reviews',"
                + " virtualService: 'reviews', stable: 'reviews-stable', canary: 'reviews-canary',"
                + " credentialsId: '" + ReleaseJenkins.CREDENTIALS_ID + "', serverUrl: '" + cluster.url() + "') {\n"
                + "  grayRelease(weight: 10)\n}\n", true));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("httpRoute 'reviews' and virtualService 'reviews' name two routing objects", b);
        assertThat(cluster.mainRuleWeights()).isEqualTo(Map.of("reviews-stable", 1));
    }
}
