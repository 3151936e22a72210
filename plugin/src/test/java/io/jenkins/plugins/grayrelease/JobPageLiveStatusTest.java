package io.jenkins.plugins.grayrelease;

import static io.jenkins.plugins.grayrelease.ReleaseJenkins.answer;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.pendingApproval;
import static io.jenkins.plugins.grayrelease.ReleaseJenkins.startAndWaitForApproval;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.TargetSettings;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The job's Gray Release page shows the cluster as last read, never waiting for it, with the recorded sides. */
@WithJenkins
class JobPageLiveStatusTest {

    @Test
    void thePageRendersWhileTheApiServerNeverAnswers(JenkinsRule r) throws Exception {
        try (JobPage.SilentServer silent = new JobPage.SilentServer()) {
            WorkflowJob p = jobWhoseLastBuildReleasedOn(r, silent.url());
            JenkinsRule.WebClient wc = r.createWebClient();
            wc.getOptions().setJavaScriptEnabled(false);

            assertThat(JobPage.now(wc, p)).contains("shop/reviews").contains(JobPage.READING);
            silent.awaitConnections(1, Duration.ofSeconds(30));
            assertThat(silent.connections()).as("the background read reached the API server; the page says: %s",
                    silent.connections() == 1 ? "" : JobPage.now(wc, p)).isEqualTo(1);

            // The read's request is still unanswered, and the page comes back all the same.
            assertThat(JobPage.now(wc, p)).contains(JobPage.READING);
            assertThat(silent.openConnections()).as("the read still waits for its answer").isEqualTo(1);
            assertThat(silent.connections()).as("one read at a time per target").isEqualTo(1);
        }
    }

    @Test
    void anUnreachableClusterIsShownWithWhyAndWhen(JenkinsRule r) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        WorkflowJob p = jobWhoseLastBuildReleasedOn(r, "http://127.0.0.1:" + closedPort);
        JenkinsRule.WebClient wc = r.createWebClient();

        String text = JobPage.afterReading(wc, p);

        assertThat(text).contains("shop/reviews").contains("Cannot read it from the cluster").doesNotContain(JobPage.READING);
        assertThat(text).containsPattern("read (just now|[0-9.]+ sec ago)");
        assertThat(text).as("the stable is unknown, the button stays").contains("Roll back: all traffic of shop/reviews to its recorded stable");
    }

    @Test
    void afterAPromotionThePageShowsTheRecordedStableWithoutDrift(JenkinsRule r) throws Exception {
        try (MockCluster cluster = MockCluster.startWithSampleApp()) {
            ReleaseJenkins.secure(r);
            WorkflowJob p = ReleaseJenkins.releaseJob(r, cluster, "");
            WorkflowRun b = startAndWaitForApproval(r, p);
            assertThat(answer(r, b, "alice", pendingApproval(b).getId(), "promote", null).status()).isEqualTo(ReleaseJenkins.ACCEPTED);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            assertThat(cluster.primaryWeights()).containsEntry("v2", 100);

            String text = JobPage.afterReading(r.createWebClient().login("carol"), p);

            // The Jenkinsfile says stable: 'v1'; the cluster recorded v2 as stable when it was promoted.
            assertThat(text).contains("stable reviews/v2: 100 %").doesNotContain("reviews/v1").doesNotContain("Drift");
            assertThat(text).contains("PROMOTED").contains("Nothing to roll back for shop/reviews")
                    .doesNotContain("Roll back: all traffic");
            assertThat(text).as("times as people read them").containsPattern("promote v2 by \\S+ [0-9.]+ (sec|min)( [0-9]+ sec)? ago")
                    .doesNotContainPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d+");
        }
    }

    @Test
    void theBuildPageSaysWhyTheReleaseRecordCouldNotBeUsed(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "unrecorded");
        p.setDefinition(new CpsFlowDefinition("echo 'released elsewhere'", true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        ReleaseStatus status = new ReleaseStatus("shop", "reviews", RouteKind.VIRTUAL_SERVICE, "reviews", "primary", Destination.subset("reviews", "v1"),
                Destination.subset("reviews", "v2"), new WeightSplit(70, 30), List.of(), 0, null,
                "the annotation grayrelease.jenkins.io/state is not valid JSON", List.of(), "3");
        GrayReleaseAction.of(b).record(ReleaseSettings.of(TargetSettings.empty()
                .with(TargetSettings.Field.NAMESPACE, "shop").with(TargetSettings.Field.SERVICE, "reviews")), status, "alice", "status");

        String text = r.createWebClient().goTo(b.getUrl() + GrayReleaseAction.URL_NAME + "/").asNormalizedText();

        assertThat(text).contains("canary reviews/v2: 30 %")
                .contains("Release record: the annotation grayrelease.jenkins.io/state is not valid JSON");
    }

    /** A job whose last build recorded a release of shop/reviews (v1 → v2 at 10 %) on the API server at {@code serverUrl}. */
    private static WorkflowJob jobWhoseLastBuildReleasedOn(JenkinsRule r, String serverUrl) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "shop-release");
        p.setDefinition(new CpsFlowDefinition("echo 'released elsewhere'", true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        ReleaseJenkins.addTokenCredential(r);
        ReleaseSettings settings = ReleaseSettings.of(TargetSettings.empty()
                        .with(TargetSettings.Field.NAMESPACE, "shop").with(TargetSettings.Field.SERVICE, "reviews")
                        .with(TargetSettings.Field.STABLE, "v1").with(TargetSettings.Field.CANARY, "v2"))
                .withCredentialsId(ReleaseJenkins.CREDENTIALS_ID).withServerUrl(serverUrl);
        ReleaseStatus status = new ReleaseStatus("shop", "reviews", RouteKind.VIRTUAL_SERVICE, "reviews", "primary", Destination.subset("reviews", "v1"),
                Destination.subset("reviews", "v2"), new WeightSplit(90, 10), List.of(), 0,
                new ReleaseState(Destination.subset("reviews", "v1"), Destination.subset("reviews", "v2"), 10,
                        Phase.PROGRESSING, null, null), null, List.of(), "1");
        GrayReleaseAction.of(b).record(settings, status, "alice", "setWeight 10");
        return p;
    }
}
