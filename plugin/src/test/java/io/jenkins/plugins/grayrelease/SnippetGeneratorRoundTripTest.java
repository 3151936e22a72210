package io.jenkins.plugins.grayrelease;

import io.jenkins.plugins.grayrelease.approval.GrayApprovalStep;
import io.jenkins.plugins.grayrelease.fleet.ClusterTarget;
import io.jenkins.plugins.grayrelease.rollout.GrayRolloutStep;
import io.jenkins.plugins.grayrelease.steps.GrayDeployStep;
import io.jenkins.plugins.grayrelease.steps.GrayPromoteStep;
import io.jenkins.plugins.grayrelease.steps.GrayReleaseStep;
import io.jenkins.plugins.grayrelease.steps.GrayRollbackStep;
import io.jenkins.plugins.grayrelease.steps.GrayStatusStep;
import io.jenkins.plugins.grayrelease.steps.TesterCondition;
import io.jenkins.plugins.grayrelease.steps.WithGrayReleaseStep;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every step survives the Snippet Generator both ways: its form (config.jelly) gives back the same
 * step, and the generated Jenkinsfile text parses back into the same step.
 */
@WithJenkins
class SnippetGeneratorRoundTripTest {

    private static void roundTrip(JenkinsRule r, Step step, String snippet) throws Exception {
        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
        new SnippetizerTester(r).assertRoundTrip(step, snippet);
    }

    @Test
    void withGrayRelease(JenkinsRule r) throws Exception {
        WithGrayReleaseStep s = new WithGrayReleaseStep("reviews");
        s.setNamespace("shop");
        s.setStable("v1");
        s.setCanary("v2");
        s.setCredentialsId("k8s-token");
        s.setServerUrl("https://kubernetes.example.com:6443");
        s.setRoute("primary");
        roundTrip(r, s, "withGrayRelease(canary: 'v2', credentialsId: 'k8s-token', namespace: 'shop', route: 'primary',"
                + " serverUrl: 'https://kubernetes.example.com:6443', service: 'reviews', stable: 'v1') {\n    // some block\n}");
    }

    @Test
    void withGrayReleaseOnAnHttpRoute(JenkinsRule r) throws Exception {
        WithGrayReleaseStep s = new WithGrayReleaseStep("reviews");
        s.setHttpRoute("reviews");
        s.setRoute("main");
        s.setStable("reviews-stable");
        s.setCanary("reviews-canary");
        roundTrip(r, s, "withGrayRelease(canary: 'reviews-canary', httpRoute: 'reviews', route: 'main', service: 'reviews',"
                + " stable: 'reviews-stable') {\n    // some block\n}");
    }

    @Test
    void withGrayReleaseForWorkloadsElsewhere(JenkinsRule r) throws Exception {
        WithGrayReleaseStep s = new WithGrayReleaseStep("reviews");
        s.setReadinessGate(false);
        roundTrip(r, s, "withGrayRelease(readinessGate: false, service: 'reviews') {\n    // some block\n}");
    }

    @Test
    void withGrayReleaseWithOnlyTheService(JenkinsRule r) throws Exception {
        roundTrip(r, new WithGrayReleaseStep("reviews"), "withGrayRelease('reviews') {\n    // some block\n}");
    }

    @Test
    void withGrayReleaseScalingTheCanary(JenkinsRule r) throws Exception {
        WithGrayReleaseStep s = new WithGrayReleaseStep("reviews");
        s.setCanaryScale("traffic");
        roundTrip(r, s, "withGrayRelease(canaryScale: 'traffic', service: 'reviews') {\n    // some block\n}");
    }

    @Test
    void withGrayReleaseOfAFleetInTwoWaves(JenkinsRule r) throws Exception {
        WithGrayReleaseStep s = new WithGrayReleaseStep("reviews");
        s.setNamespace("shop");
        s.setStable("v1");
        s.setCanary("v2");
        ClusterTarget eu = new ClusterTarget();
        eu.setCredentialsId("eu-1");
        ClusterTarget us = new ClusterTarget();
        us.setCluster("us-1");
        us.setContext("us-1-admin");
        us.setWave(2);
        s.setTargets(List.of(eu, us));
        roundTrip(r, s, "withGrayRelease(canary: 'v2', namespace: 'shop', service: 'reviews', stable: 'v1', targets: [[credentialsId: 'eu-1'],"
                + " [cluster: 'us-1', context: 'us-1-admin', wave: 2]]) {\n    // some block\n}");
    }

    @Test
    void grayReleaseOfAWave(JenkinsRule r) throws Exception {
        GrayReleaseStep s = new GrayReleaseStep();
        s.setWave(2);
        s.setWeight(10);
        roundTrip(r, s, "grayRelease wave: 2, weight: 10");
    }

    @Test
    void grayRelease(JenkinsRule r) throws Exception {
        GrayReleaseStep s = new GrayReleaseStep();
        s.setWeight(10);
        s.setMirror(5);
        TesterCondition cookie = new TesterCondition("canary", "1");
        cookie.setKind("cookie");
        s.setTesters(List.of(new TesterCondition("x-tester", "yes"), cookie));
        roundTrip(r, s, "grayRelease mirror: 5, testers: [[name: 'x-tester', value: 'yes'], [kind: 'cookie', name: 'canary', value: '1']], weight: 10");
    }

    @Test
    void aTesterKindInAnOlderSpellingIsWrittenInTheOneWord(JenkinsRule r) throws Exception {
        GrayReleaseStep s = new GrayReleaseStep();
        TesterCondition prefix = new TesterCondition("user-agent", "Beta/");
        prefix.setKind("prefix");
        TesterCondition regex = new TesterCondition("x-tenant", "^qa-.*");
        regex.setKind("regex");
        s.setTesters(List.of(prefix, regex));
        roundTrip(r, s, "grayRelease(testers: [[kind: 'header-prefix', name: 'user-agent', value: 'Beta/'],"
                + " [kind: 'header-regex', name: 'x-tenant', value: '^qa-.*']])");
    }

    @Test
    void grayReleaseDryRun(JenkinsRule r) throws Exception {
        GrayReleaseStep s = new GrayReleaseStep();
        s.setWeight(50);
        s.setDryRun(true);
        roundTrip(r, s, "grayRelease dryRun: true, weight: 50");
    }

    @Test
    void grayReleaseRemovingTesters(JenkinsRule r) throws Exception {
        GrayReleaseStep s = new GrayReleaseStep();
        s.setRemoveTesters(true);
        roundTrip(r, s, "grayRelease removeTesters: true");
    }

    @Test
    void grayApproval(JenkinsRule r) throws Exception {
        GrayApprovalStep s = new GrayApprovalStep();
        s.setMessage("Go to 50 %?");
        s.setSubmitter("alice,release-managers");
        s.setTimeout("1h30m");
        s.setChoices(List.of("promote", "rollback"));
        roundTrip(r, s, "grayApproval choices: ['promote', 'rollback'], message: 'Go to 50 %?', submitter: 'alice,release-managers', timeout: '1h30m'");
        // The whole minutes the parameter always took are shown in the plan's form.
        s.setTimeout("30");
        roundTrip(r, s, "grayApproval choices: ['promote', 'rollback'], message: 'Go to 50 %?', submitter: 'alice,release-managers', timeout: '30m'");
    }

    @Test
    void grayApprovalOfferingOneChoice(JenkinsRule r) throws Exception {
        GrayApprovalStep s = new GrayApprovalStep();
        s.setChoices(List.of("abort"));
        roundTrip(r, s, "grayApproval(choices: ['abort'])");
    }

    @Test
    void grayApprovalWithDefaults(JenkinsRule r) throws Exception {
        roundTrip(r, new GrayApprovalStep(), "grayApproval()");
    }

    @Test
    void grayPromote(JenkinsRule r) throws Exception {
        GrayPromoteStep s = new GrayPromoteStep();
        s.setCleanup(true);
        roundTrip(r, s, "grayPromote cleanup: true");
        s.setFrom("reviews-v1");
        roundTrip(r, s, "grayPromote cleanup: true, from: 'reviews-v1'");
    }

    @Test
    void grayRollback(JenkinsRule r) throws Exception {
        roundTrip(r, new GrayRollbackStep(), "grayRollback()");
    }

    @Test
    void grayStatus(JenkinsRule r) throws Exception {
        roundTrip(r, new GrayStatusStep(), "grayStatus()");
    }

    @Test
    void grayDeploy(JenkinsRule r) throws Exception {
        GrayDeployStep s = new GrayDeployStep("registry.example.com/reviews:2.1", "v2");
        s.setReplicas(2);
        roundTrip(r, s, "grayDeploy image: 'registry.example.com/reviews:2.1', replicas: 2, version: 'v2'");
    }

    @Test
    void grayDeployWithoutWaitingOrWithATimeout(JenkinsRule r) throws Exception {
        GrayDeployStep noWait = new GrayDeployStep("registry.example.com/reviews:2.1", "v2");
        noWait.setWait(false);
        roundTrip(r, noWait, "grayDeploy image: 'registry.example.com/reviews:2.1', version: 'v2', wait: false");
        GrayDeployStep bounded = new GrayDeployStep("registry.example.com/reviews:2.1", "v2");
        bounded.setTimeout("5m");
        roundTrip(r, bounded, "grayDeploy image: 'registry.example.com/reviews:2.1', timeout: '5m', version: 'v2'");
    }

    @Test
    void grayReleaseWithCanaryScaleAndGrayPromoteWithScaleDownDelay(JenkinsRule r) throws Exception {
        GrayReleaseStep shift = new GrayReleaseStep();
        shift.setWeight(20);
        shift.setCanaryScale("traffic");
        roundTrip(r, shift, "grayRelease canaryScale: 'traffic', weight: 20");
        GrayPromoteStep promote = new GrayPromoteStep();
        promote.setScaleDownDelay("30s");
        roundTrip(r, promote, "grayPromote scaleDownDelay: '30s'");
    }

    @Test
    void grayRollout(JenkinsRule r) throws Exception {
        GrayRolloutStep s = new GrayRolloutStep("rollout/reviews.yaml");
        roundTrip(r, s, "grayRollout 'rollout/reviews.yaml'");
    }
}
