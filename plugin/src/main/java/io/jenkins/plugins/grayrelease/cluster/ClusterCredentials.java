package io.jenkins.plugins.grayrelease.cluster;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
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
 * kubeconfig, and a secret text holding a bearer token (which needs {@code serverUrl}). Without
 * cluster access named, the folder's or Jenkins' configured default applies
 * ({@link ReleaseDefaults}); without any, the controller's own configuration is used (KUBECONFIG,
 * ~/.kube/config, or the service account when Jenkins runs in the cluster).
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
            return new ClusterAccess(null, null, settings.getContext(), settings.getServerUrl(), null, settings.getNamespace());
        }
        StandardCredentials credential = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, List.of());
        if (credential == null) {
            throw new AbortException(Messages.ClusterCredentials_notFound(id, run.getParent().getFullName()));
        }
        CredentialsProvider.track(run, credential);
        if (credential instanceof FileCredentials file) {
            return new ClusterAccess(read(file), null, settings.getContext(), null, null, settings.getNamespace());
        }
        if (credential instanceof StringCredentials token) {
            if (settings.getServerUrl() == null) {
                throw new AbortException(Messages.ClusterCredentials_tokenNeedsServerUrl(id));
            }
            return new ClusterAccess(null, null, null, settings.getServerUrl(), token.getSecret().getPlainText(), settings.getNamespace());
        }
        throw new AbortException(Messages.ClusterCredentials_wrongKind(id, credential.getDescriptor().getDisplayName()));
    }

    private static String read(FileCredentials file) throws IOException {
        try (InputStream in = file.getContent()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
