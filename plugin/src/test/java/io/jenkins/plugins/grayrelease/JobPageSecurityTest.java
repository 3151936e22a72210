package io.jenkins.plugins.grayrelease;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.action.GrayReleaseJobAction;
import io.jenkins.plugins.grayrelease.action.TargetSnapshot;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.TargetSettings;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.RunLoadCounter;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What the job's Gray Release page costs and shows: no old builds loaded, no cluster words for mere readers, every target apart. */
@WithJenkins
class JobPageSecurityTest {

    private static ReleaseSettings settings(String serverUrl) {
        return ReleaseSettings.of(TargetSettings.empty()
                        .with(TargetSettings.Field.NAMESPACE, "shop").with(TargetSettings.Field.SERVICE, "reviews")
                        .with(TargetSettings.Field.STABLE, "v1").with(TargetSettings.Field.CANARY, "v2"))
                .withCredentialsId(ReleaseJenkins.CREDENTIALS_ID).withServerUrl(serverUrl);
    }

    private static ReleaseStatus status(String routingObject) {
        return new ReleaseStatus("shop", "reviews", RouteKind.VIRTUAL_SERVICE, routingObject, "primary", Destination.subset("reviews", "v1"),
                Destination.subset("reviews", "v2"), new WeightSplit(90, 10), List.of(), 0, null, null, List.of(), "1");
    }

    private static WorkflowRun build(JenkinsRule r, WorkflowJob p) throws Exception {
        p.setDefinition(new CpsFlowDefinition("echo 'released elsewhere'", true));
        return r.buildAndAssertSuccess(p);
    }

    @Test
    void aReaderWhoMayNotBuildLearnsThatTheClusterCouldNotBeReadButNotItsWords(JenkinsRule r) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ReleaseJenkins.secure(r);
        ReleaseJenkins.addTokenCredential(r);
        WorkflowJob p = r.createProject(WorkflowJob.class, "shop-release");
        GrayReleaseAction.of(build(r, p)).record(settings("http://127.0.0.1:" + closedPort), status("reviews"), "alice", "setWeight 10");

        String bob = JobPage.afterReading(r.createWebClient().login("bob"), p);
        String alice = JobPage.afterReading(r.createWebClient().login("alice"), p);

        assertThat(bob).contains("Cannot read it from the cluster: the cluster could not be read. People who may configure or"
                + " build this job see why here").doesNotContain(String.valueOf(closedPort));
        assertThat(alice).contains("Cannot read it from the cluster").doesNotContain("People who may configure or build this job");
    }

    @Test
    void twoTargetsOfOneServiceOnDifferentRoutingObjectsAreKeptApart(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "mesh-and-gateway");
        WorkflowRun b = build(r, p);
        GrayReleaseAction action = GrayReleaseAction.of(b);

        action.record(settings(null), status("reviews"), "alice", "setWeight 10");
        action.record(settings(null), status("istio-system/public-routes"), "alice", "setWeight 10");

        assertThat(action.getTargets()).extracting(TargetSnapshot::getKey).containsExactly(
                "istio-system/VirtualService/public-routes \u2192 shop/reviews", "shop/VirtualService/reviews \u2192 shop/reviews");
        assertThat(action.getTargets()).extracting(TargetSnapshot::getLabel)
                .containsExactly("shop/reviews via istio-system/public-routes", "shop/reviews");
    }

    @Test
    void theJobPagesLinkLoadsNoOlderBuilds(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "many-builds");
        p.setDefinition(new CpsFlowDefinition("echo 'no release here'", true));
        for (int i = 0; i < 26; i++) {
            r.buildAndAssertSuccess(p);
        }
        String[] icon = new String[1];

        int loads = RunLoadCounter.countLoads(p, () -> icon[0] = p.getAction(GrayReleaseJobAction.class).getIconFileName());

        assertThat(icon[0]).as("no build made a release").isNull();
        assertThat(loads).as("build records loaded to decide the link").isLessThanOrEqualTo(1);
    }
}
