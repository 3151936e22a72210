package io.jenkins.plugins.grayrelease.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * <em>Manage Jenkins → System → Gray Release</em>: the cluster, Prometheus and approvers that
 * releases use when neither the Jenkinsfile nor an enclosing folder names them. Configuration
 * as Code: {@code unclassified: grayRelease: {credentialsId: …, serverUrl: …}}.
 * {@link ReleaseDefaults} is where these values are combined with the folders'.
 */
@Extension
@Symbol("grayRelease")
public final class GrayReleaseGlobalConfiguration extends GlobalConfiguration implements ReleaseDefaultsSource {

    private String credentialsId;
    private String serverUrl;
    private String context;
    private String prometheusUrl;
    private String prometheusCredentialsId;
    private String approvers;
    /**
     * Whether builds that name no credential may use the controller's own Kubernetes identity
     * (KUBECONFIG, ~/.kube/config, the Jenkins pod's service account). Off: any Jenkinsfile could
     * otherwise act with whatever rights the controller has.
     */
    private boolean useControllerIdentity;

    public GrayReleaseGlobalConfiguration() {
        load();
    }

    public static GrayReleaseGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(GrayReleaseGlobalConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.GrayReleaseGlobalConfiguration_DisplayName();
    }

    @CheckForNull
    @Override
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = FormFields.clean(credentialsId);
        save();
    }

    @CheckForNull
    @Override
    public String getServerUrl() {
        return serverUrl;
    }

    @DataBoundSetter
    public void setServerUrl(String serverUrl) {
        this.serverUrl = FormFields.clean(serverUrl);
        save();
    }

    @CheckForNull
    @Override
    public String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        this.context = FormFields.clean(context);
        save();
    }

    @CheckForNull
    @Override
    public String getPrometheusUrl() {
        return prometheusUrl;
    }

    @DataBoundSetter
    public void setPrometheusUrl(String prometheusUrl) {
        this.prometheusUrl = FormFields.clean(prometheusUrl);
        save();
    }

    @CheckForNull
    @Override
    public String getPrometheusCredentialsId() {
        return prometheusCredentialsId;
    }

    @DataBoundSetter
    public void setPrometheusCredentialsId(String prometheusCredentialsId) {
        this.prometheusCredentialsId = FormFields.clean(prometheusCredentialsId);
        save();
    }

    @CheckForNull
    @Override
    public String getApprovers() {
        return approvers;
    }

    @DataBoundSetter
    public void setApprovers(String approvers) {
        this.approvers = FormFields.clean(approvers);
        save();
    }

    public boolean isUseControllerIdentity() {
        return useControllerIdentity;
    }

    @DataBoundSetter
    public void setUseControllerIdentity(boolean useControllerIdentity) {
        this.useControllerIdentity = useControllerIdentity;
        save();
    }

    /** Kubeconfig files and tokens builds can use for {@code serverUrl}; only administrators see the ids. */
    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId, @QueryParameter String serverUrl) {
        return FormFields.clusterCredentials(null, credentialsId, serverUrl);
    }

    /** Tokens for Prometheus that builds can use; only administrators see the ids. */
    @POST
    public ListBoxModel doFillPrometheusCredentialsIdItems(@QueryParameter String prometheusCredentialsId,
            @QueryParameter String prometheusUrl) {
        return FormFields.tokenCredentials(null, prometheusCredentialsId, prometheusUrl);
    }

    @POST
    public FormValidation doCheckServerUrl(@QueryParameter String value) {
        return FormFields.checkUrl(null, value);
    }

    @POST
    public FormValidation doCheckPrometheusUrl(@QueryParameter String value) {
        return FormFields.checkUrl(null, value);
    }
}
