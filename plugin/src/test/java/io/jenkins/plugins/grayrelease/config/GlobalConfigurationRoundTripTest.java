package io.jenkins.plugins.grayrelease.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The system page and a folder's page keep every Gray Release default, and show credentials only to those who may configure. */
@WithJenkins
class GlobalConfigurationRoundTripTest {

    @Test
    void theSystemPageKeepsEveryValue(JenkinsRule r) throws Exception {
        addTokens(r);
        GrayReleaseGlobalConfiguration c = GrayReleaseGlobalConfiguration.get();
        c.setCredentialsId("k8s-token");
        c.setServerUrl("https://kubernetes.example.com:6443");
        c.setContext("prod");
        c.setPrometheusUrl("http://prometheus.istio-system:9090");
        c.setPrometheusCredentialsId("prom-token");
        c.setApprovers("alice, release-managers");

        r.configRoundtrip();

        for (GrayReleaseGlobalConfiguration after : List.of(GrayReleaseGlobalConfiguration.get(), new GrayReleaseGlobalConfiguration())) {
            assertThat(after.getCredentialsId()).isEqualTo("k8s-token");
            assertThat(after.getServerUrl()).isEqualTo("https://kubernetes.example.com:6443");
            assertThat(after.getContext()).isEqualTo("prod");
            assertThat(after.getPrometheusUrl()).isEqualTo("http://prometheus.istio-system:9090");
            assertThat(after.getPrometheusCredentialsId()).isEqualTo("prom-token");
            assertThat(after.getApprovers()).isEqualTo("alice, release-managers");
        }
    }

    @Test
    void emptyFieldsStayUnsetAfterSaving(JenkinsRule r) throws Exception {
        GrayReleaseGlobalConfiguration.get().setServerUrl("https://kubernetes.example.com:6443");

        r.configRoundtrip();

        GrayReleaseGlobalConfiguration after = GrayReleaseGlobalConfiguration.get();
        assertThat(after.getServerUrl()).isEqualTo("https://kubernetes.example.com:6443");
        assertThat(after.getCredentialsId()).isNull();
        assertThat(after.getContext()).isNull();
        assertThat(after.getPrometheusUrl()).isNull();
        assertThat(after.getPrometheusCredentialsId()).isNull();
        assertThat(after.getApprovers()).isNull();
    }

    @Test
    void theFolderPageKeepsEveryValue(JenkinsRule r) throws Exception {
        addTokens(r);
        Folder team = r.jenkins.createProject(Folder.class, "team");
        GrayReleaseFolderProperty p = new GrayReleaseFolderProperty();
        p.setCredentialsId("k8s-token");
        p.setServerUrl("https://team.example.com:6443");
        p.setContext("team");
        p.setPrometheusUrl("https://prometheus.team.example.com");
        p.setPrometheusCredentialsId("prom-token");
        p.setApprovers("team-leads");
        team.addProperty(p);

        r.configRoundtrip(team);

        GrayReleaseFolderProperty after = team.getProperties().get(GrayReleaseFolderProperty.class);
        assertThat(after).isNotSameAs(p);
        assertThat(after.getCredentialsId()).isEqualTo("k8s-token");
        assertThat(after.getServerUrl()).isEqualTo("https://team.example.com:6443");
        assertThat(after.getContext()).isEqualTo("team");
        assertThat(after.getPrometheusUrl()).isEqualTo("https://prometheus.team.example.com");
        assertThat(after.getPrometheusCredentialsId()).isEqualTo("prom-token");
        assertThat(after.getApprovers()).isEqualTo("team-leads");
    }

    @Test
    void aFolderThatSetsNothingStaysEmptyAfterSaving(JenkinsRule r) throws Exception {
        Folder team = r.jenkins.createProject(Folder.class, "team");

        r.configRoundtrip(team);

        GrayReleaseFolderProperty after = team.getProperties().get(GrayReleaseFolderProperty.class);
        assertThat(after == null || after.isEmpty()).as("saved folder property %s", after).isTrue();
    }

    @Test
    void onlyThoseWhoMayConfigureSeeTheCredentialIds(JenkinsRule r) throws Exception {
        addTokens(r);
        Folder team = r.jenkins.createProject(Folder.class, "team");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("alice")
                .grant(Jenkins.READ, Item.READ).everywhere().to("bob"));
        GrayReleaseFolderProperty.DescriptorImpl folderForm = r.jenkins.getDescriptorByType(GrayReleaseFolderProperty.DescriptorImpl.class);
        GrayReleaseGlobalConfiguration systemForm = GrayReleaseGlobalConfiguration.get();

        try (ACLContext ignored = ACL.as2(User.getById("alice", true).impersonate2())) {
            assertThat(values(folderForm.doFillCredentialsIdItems(team, "", null))).contains("k8s-token", "prom-token");
            assertThat(values(folderForm.doFillPrometheusCredentialsIdItems(team, "", null))).contains("prom-token");
            assertThat(values(systemForm.doFillCredentialsIdItems("", null))).doesNotContain("k8s-token");
        }
        try (ACLContext ignored = ACL.as2(User.getById("bob", true).impersonate2())) {
            assertThat(values(folderForm.doFillCredentialsIdItems(team, "k8s-token", null))).containsExactly("k8s-token");
            assertThat(values(folderForm.doFillPrometheusCredentialsIdItems(team, "", null))).doesNotContain("prom-token");
        }
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertThat(values(systemForm.doFillCredentialsIdItems("", null))).contains("k8s-token", "prom-token");
        }
    }

    @Test
    void addressesMustBeHttpOrHttps(JenkinsRule r) {
        GrayReleaseGlobalConfiguration c = GrayReleaseGlobalConfiguration.get();
        assertThat(c.doCheckServerUrl("https://kubernetes.example.com:6443").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(c.doCheckServerUrl("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(c.doCheckPrometheusUrl("http://prometheus:9090").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(c.doCheckServerUrl("ftp://kubernetes.example.com").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(c.doCheckPrometheusUrl("prometheus:9090").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(c.doCheckServerUrl("https://").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(c.doCheckServerUrl("https://kube rnetes").kind).isEqualTo(FormValidation.Kind.ERROR);
    }

    private static void addTokens(JenkinsRule r) throws Exception {
        var store = CredentialsProvider.lookupStores(r.jenkins).iterator().next();
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, "k8s-token",
                "cluster token", Secret.fromString("cluster-secret")));
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, "prom-token",
                "Prometheus token", Secret.fromString("prometheus-secret")));
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(o -> o.value).filter(v -> !v.isEmpty()).toList();
    }
}
