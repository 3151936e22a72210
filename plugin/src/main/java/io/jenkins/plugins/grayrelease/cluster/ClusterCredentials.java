package io.jenkins.plugins.grayrelease.cluster;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.core.ClusterAccess;
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
 * a credential the controller's own configuration is used (KUBECONFIG, ~/.kube/config, or the
 * service account when Jenkins runs in the cluster).
 *
 * <p>Secrets only ever go into the returned object, whose {@code toString} masks them; messages
 * name the credential by id, never by content.
 */
public final class ClusterCredentials {

    private ClusterCredentials() {
    }

    public static ClusterAccess resolve(ReleaseSettings settings, Run<?, ?> run) throws IOException {
        String id = settings.getCredentialsId();
        if (id == null) {
            return new ClusterAccess(null, null, settings.getContext(), settings.getServerUrl(), null, settings.getNamespace());
        }
        StandardCredentials credential = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, List.of());
        if (credential == null) {
            throw new AbortException("withGrayRelease: credentialsId: no credential with id '" + id
                    + "' is visible to " + run.getParent().getFullName()
                    + ". Add a 'Secret file' (kubeconfig) or 'Secret text' (token) credential with that id, or fix the id");
        }
        CredentialsProvider.track(run, credential);
        if (credential instanceof FileCredentials file) {
            return new ClusterAccess(read(file), null, settings.getContext(), null, null, settings.getNamespace());
        }
        if (credential instanceof StringCredentials token) {
            if (settings.getServerUrl() == null) {
                throw new AbortException("withGrayRelease: serverUrl: credential '" + id
                        + "' is a token, which needs the API server's address. Add serverUrl: 'https://…' next to credentialsId");
            }
            return new ClusterAccess(null, null, null, settings.getServerUrl(), token.getSecret().getPlainText(), settings.getNamespace());
        }
        throw new AbortException("withGrayRelease: credentialsId: credential '" + id + "' is a "
                + credential.getDescriptor().getDisplayName()
                + ", which cannot reach a cluster. Use a 'Secret file' holding a kubeconfig, or a 'Secret text' token with serverUrl");
    }

    private static String read(FileCredentials file) throws IOException {
        try (InputStream in = file.getContent()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
