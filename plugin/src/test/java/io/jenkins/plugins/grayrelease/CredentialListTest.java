package io.jenkins.plugins.grayrelease;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.domains.DomainSpecification;
import com.cloudbees.plugins.credentials.domains.HostnameSpecification;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.grayrelease.config.GrayReleaseGlobalConfiguration;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The system page offers only credentials a build can use: Global scope, in a domain that matches the server. */
@WithJenkins
class CredentialListTest {

    @Test
    void theSystemPageListsOnlyCredentialsBuildsCanResolveForTheServer(JenkinsRule r) throws Exception {
        CredentialsStore store = CredentialsProvider.lookupStores(r.jenkins).iterator().next();
        store.addCredentials(Domain.global(), token(CredentialsScope.GLOBAL, "for-builds"));
        store.addCredentials(Domain.global(), token(CredentialsScope.SYSTEM, "controller-only"));
        Domain other = new Domain("other", "another cluster", List.<DomainSpecification>of(new HostnameSpecification("other.example", null)));
        store.addDomain(other, token(CredentialsScope.GLOBAL, "other-cluster"));
        GrayReleaseGlobalConfiguration config = GrayReleaseGlobalConfiguration.get();

        ListBoxModel forCluster;
        ListBoxModel forPrometheus;
        try (var ignored = hudson.security.ACL.as2(hudson.security.ACL.SYSTEM2)) {
            forCluster = config.doFillCredentialsIdItems("", "https://cluster.example:6443");
            forPrometheus = config.doFillPrometheusCredentialsIdItems("", "http://prometheus.example:9090");
        }

        assertThat(forCluster).extracting(o -> o.value).contains("for-builds").doesNotContain("controller-only", "other-cluster");
        assertThat(forPrometheus).extracting(o -> o.value).contains("for-builds").doesNotContain("controller-only", "other-cluster");
    }

    private static StringCredentialsImpl token(CredentialsScope scope, String id) {
        return new StringCredentialsImpl(scope, id, id, Secret.fromString("t"));
    }
}
