package io.jenkins.plugins.grayrelease.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.FreeStyleProject;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Which cluster, Prometheus and approvers a job gets: nearest folder first, each group as a whole, then Jenkins. */
@WithJenkins
class ReleaseDefaultsTest {

    @Test
    void aJobOutsideFoldersGetsTheGlobalValues(JenkinsRule r) throws Exception {
        setGlobal("global-kubeconfig", "https://global.example:6443", "prod", "http://prometheus.global:9090", "global-prom", "ops");
        FreeStyleProject job = r.createFreeStyleProject("app");

        ReleaseDefaults d = ReleaseDefaults.forItem(job);

        assertThat(d.getCredentialsId()).isEqualTo("global-kubeconfig");
        assertThat(d.getServerUrl()).isEqualTo("https://global.example:6443");
        assertThat(d.getContext()).isEqualTo("prod");
        assertThat(d.getPrometheusUrl()).isEqualTo("http://prometheus.global:9090");
        assertThat(d.getPrometheusCredentialsId()).isEqualTo("global-prom");
        assertThat(d.getApprovers()).isEqualTo("ops");
        assertThat(d.namesCluster()).isTrue();
    }

    @Test
    void nothingConfiguredNamesNoCluster(JenkinsRule r) throws Exception {
        Folder team = r.jenkins.createProject(Folder.class, "team");
        team.addProperty(new GrayReleaseFolderProperty());
        FreeStyleProject job = team.createProject(FreeStyleProject.class, "app");

        ReleaseDefaults d = ReleaseDefaults.forItem(job);

        assertThat(d.namesCluster()).isFalse();
        assertThat(d.getCredentialsId()).isNull();
        assertThat(d.getPrometheusUrl()).isNull();
        assertThat(d.getApprovers()).isNull();
        assertThat(ReleaseDefaults.forItem(null).namesCluster()).isFalse();
    }

    @Test
    void aFolderThatNamesItsClusterReplacesJenkinsClusterAsAWholeButKeepsTheOtherGroups(JenkinsRule r) throws Exception {
        setGlobal("global-kubeconfig", "https://global.example:6443", null, "http://prometheus.global:9090", "global-prom", "ops");
        Folder team = r.jenkins.createProject(Folder.class, "team");
        GrayReleaseFolderProperty p = new GrayReleaseFolderProperty();
        p.setCredentialsId("team-kubeconfig");
        team.addProperty(p);
        FreeStyleProject job = team.createProject(FreeStyleProject.class, "app");

        ReleaseDefaults d = ReleaseDefaults.forItem(job);

        assertThat(d.getCredentialsId()).isEqualTo("team-kubeconfig");
        assertThat(d.getServerUrl()).as("Jenkins' server is not combined with the folder's credential").isNull();
        assertThat(d.getContext()).isNull();
        assertThat(d.getPrometheusUrl()).isEqualTo("http://prometheus.global:9090");
        assertThat(d.getPrometheusCredentialsId()).isEqualTo("global-prom");
        assertThat(d.getApprovers()).isEqualTo("ops");
        assertThat(ReleaseDefaults.forItem(r.createFreeStyleProject("elsewhere")).getCredentialsId())
                .as("a job outside the folder").isEqualTo("global-kubeconfig");
    }

    @Test
    void withNestedFoldersTheNearestThatSetsAFieldWins(JenkinsRule r) throws Exception {
        setGlobal("global-kubeconfig", null, null, "http://prometheus.global:9090", null, "ops");
        Folder outer = r.jenkins.createProject(Folder.class, "shop");
        GrayReleaseFolderProperty outerDefaults = new GrayReleaseFolderProperty();
        outerDefaults.setCredentialsId("shop-kubeconfig");
        outerDefaults.setApprovers("shop-leads");
        outerDefaults.setContext("shop-prod");
        outer.addProperty(outerDefaults);
        Folder inner = outer.createProject(Folder.class, "reviews");
        GrayReleaseFolderProperty innerDefaults = new GrayReleaseFolderProperty();
        innerDefaults.setCredentialsId("reviews-kubeconfig");
        innerDefaults.setContext("  ");
        inner.addProperty(innerDefaults);
        FreeStyleProject job = inner.createProject(FreeStyleProject.class, "release");

        ReleaseDefaults d = ReleaseDefaults.forItem(job);

        assertThat(d.getCredentialsId()).isEqualTo("reviews-kubeconfig");
        assertThat(d.getContext()).as("the inner folder's cluster settings replace the outer ones as a whole").isNull();
        assertThat(d.getApprovers()).isEqualTo("shop-leads");
        assertThat(d.getPrometheusUrl()).isEqualTo("http://prometheus.global:9090");
        assertThat(ReleaseDefaults.forItem(outer.createProject(FreeStyleProject.class, "other")).getCredentialsId())
                .as("a job of the outer folder").isEqualTo("shop-kubeconfig");
        assertThat(ReleaseDefaults.forItem(inner).getCredentialsId()).as("the folder itself").isEqualTo("reviews-kubeconfig");
    }

    @Test
    void aClusterIsNamedByAnyOfItsThreeFields(JenkinsRule r) throws Exception {
        Folder team = r.jenkins.createProject(Folder.class, "team");
        GrayReleaseFolderProperty p = new GrayReleaseFolderProperty();
        p.setContext("staging");
        team.addProperty(p);

        assertThat(ReleaseDefaults.forItem(team.createProject(FreeStyleProject.class, "app")).namesCluster()).isTrue();
        assertThat(ReleaseDefaults.forItem(r.createFreeStyleProject("root")).namesCluster()).isFalse();
    }

    private static void setGlobal(String credentialsId, String serverUrl, String context, String prometheusUrl,
                                  String prometheusCredentialsId, String approvers) {
        GrayReleaseGlobalConfiguration c = GrayReleaseGlobalConfiguration.get();
        c.setCredentialsId(credentialsId);
        c.setServerUrl(serverUrl);
        c.setContext(context);
        c.setPrometheusUrl(prometheusUrl);
        c.setPrometheusCredentialsId(prometheusCredentialsId);
        c.setApprovers(approvers);
    }

    @Test
    void aFoldersServerUrlIsNeverCombinedWithTheGlobalToken(JenkinsRule r) throws Exception {
        setGlobal("global-token", "https://global.example:6443", null, null, null, null);
        Folder team = r.jenkins.createProject(Folder.class, "team");
        GrayReleaseFolderProperty p = new GrayReleaseFolderProperty();
        p.setServerUrl("https://team-owned.example:6443");
        p.setPrometheusUrl("http://prometheus.team:9090");
        team.addProperty(p);
        GrayReleaseGlobalConfiguration.get().setPrometheusCredentialsId("global-prom");

        ReleaseDefaults d = ReleaseDefaults.forItem(team.createProject(FreeStyleProject.class, "app"));

        assertThat(d.getServerUrl()).isEqualTo("https://team-owned.example:6443");
        assertThat(d.getCredentialsId()).as("the global token would travel to the folder's server").isNull();
        assertThat(d.getPrometheusUrl()).isEqualTo("http://prometheus.team:9090");
        assertThat(d.getPrometheusCredentialsId()).as("nor the global Prometheus token to the folder's Prometheus").isNull();
    }
}
