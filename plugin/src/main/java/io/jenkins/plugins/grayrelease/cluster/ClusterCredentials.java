package io.jenkins.plugins.grayrelease.cluster;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.config.GrayReleaseGlobalConfiguration;
import io.jenkins.plugins.grayrelease.config.ReleaseDefaults;
import io.jenkins.plugins.grayrelease.core.cluster.ClusterAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Turns {@code credentialsId}/{@code serverUrl}/{@code context} into the engine's
 * {@link ClusterAccess}. Two kinds of credential are understood: a secret file holding a
 * kubeconfig (taken as data: no exec command, no file path) and a secret text holding a bearer
 * token (which needs {@code serverUrl}). Without a cluster named, the folder's or Jenkins'
 * configured default applies as a whole ({@link ReleaseDefaults}).
 *
 * <p>Cluster access comes from a credential, never from the controller itself: a Jenkinsfile
 * naming only a context or a server URL is refused, because the controller's own kubeconfig or
 * service account is not the Jenkinsfile author's to use. Only an administrator may allow that
 * ({@link GrayReleaseGlobalConfiguration#isUseControllerIdentity()}).
 *
 * <p>Secrets only ever go into the returned object, whose {@code toString} masks them; messages
 * name the credential by id, never by content.
 */
public final class ClusterCredentials {

    private ClusterCredentials() {
    }

    public static ClusterAccess resolve(ReleaseSettings given, Run<?, ?> run) throws IOException {
        ReleaseSettings settings = given;
        if (given.namesNoCluster()) {
            ReleaseDefaults defaults = ReleaseDefaults.forItem(run.getParent());
            settings = given.withCredentialsId(defaults.getCredentialsId()).withServerUrl(defaults.getServerUrl())
                    .withContext(defaults.getContext());
        }
        String id = settings.getCredentialsId();
        if (id == null) {
            return withoutCredential(settings, run);
        }
        StandardCredentials credential = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run,
                requirements(settings.getServerUrl()));
        if (credential == null) {
            throw new AbortException(Messages.ClusterCredentials_notFound(id, run.getParent().getFullName()));
        }
        CredentialsProvider.track(run, credential);
        if (credential instanceof FileCredentials file) {
            return ClusterAccess.kubeconfigData(read(file), settings.getContext(), settings.getNamespace());
        }
        if (credential instanceof StringCredentials token) {
            if (settings.getServerUrl() == null) {
                throw new AbortException(Messages.ClusterCredentials_tokenNeedsServerUrl(id));
            }
            return ClusterAccess.token(settings.getServerUrl(), token.getSecret().getPlainText(), settings.getNamespace());
        }
        throw new AbortException(Messages.ClusterCredentials_wrongKind(id, credential.getDescriptor().getDisplayName()));
    }

    /** The domain a credential must allow: the API server's address when it is known before reading the credential. */
    public static List<DomainRequirement> requirements(String serverUrl) {
        return serverUrl == null ? List.of() : URIRequirementBuilder.fromUri(serverUrl).build();
    }

    /**
     * No credential anywhere: the controller's own identity, when an administrator allowed it,
     * and only without a server URL (a token belongs to one server, the controller's identity to its own).
     */
    private static ClusterAccess withoutCredential(ReleaseSettings settings, Run<?, ?> run) throws AbortException {
        if (settings.getServerUrl() == null && GrayReleaseGlobalConfiguration.get().isUseControllerIdentity()) {
            return ClusterAccess.local(null, settings.getContext(), settings.getNamespace());
        }
        String named = settings.getServerUrl() != null ? "serverUrl: '" + settings.getServerUrl() + "'"
                : settings.getContext() != null ? "context: '" + settings.getContext() + "'" : null;
        String job = run.getParent().getFullName();
        throw new AbortException(named == null ? Messages.ClusterCredentials_noCredential(job)
                : Messages.ClusterCredentials_noCredentialFor(named, job));
    }

    private static String read(FileCredentials file) throws IOException {
        try (InputStream in = file.getContent()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
