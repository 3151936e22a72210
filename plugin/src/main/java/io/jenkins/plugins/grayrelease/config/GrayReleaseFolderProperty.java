package io.jenkins.plugins.grayrelease.config;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A folder's own Gray Release defaults. Each value set here wins over the same value of the
 * folders around it and of the global configuration, for every job inside; a value left empty
 * is taken from further out (see {@link ReleaseDefaults}).
 */
public final class GrayReleaseFolderProperty extends AbstractFolderProperty<AbstractFolder<?>> implements ReleaseDefaultsSource {

    private String credentialsId;
    private String serverUrl;
    private String context;
    private String prometheusUrl;
    private String prometheusCredentialsId;
    private String approvers;

    @DataBoundConstructor
    public GrayReleaseFolderProperty() {
    }

    /** True when this folder sets nothing, so that it does not change what its jobs get. */
    public boolean isEmpty() {
        return credentialsId == null && serverUrl == null && context == null && prometheusUrl == null
                && prometheusCredentialsId == null && approvers == null;
    }

    @CheckForNull
    @Override
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = FormFields.clean(credentialsId);
    }

    @CheckForNull
    @Override
    public String getServerUrl() {
        return serverUrl;
    }

    @DataBoundSetter
    public void setServerUrl(String serverUrl) {
        this.serverUrl = FormFields.clean(serverUrl);
    }

    @CheckForNull
    @Override
    public String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        this.context = FormFields.clean(context);
    }

    @CheckForNull
    @Override
    public String getPrometheusUrl() {
        return prometheusUrl;
    }

    @DataBoundSetter
    public void setPrometheusUrl(String prometheusUrl) {
        this.prometheusUrl = FormFields.clean(prometheusUrl);
    }

    @CheckForNull
    @Override
    public String getPrometheusCredentialsId() {
        return prometheusCredentialsId;
    }

    @DataBoundSetter
    public void setPrometheusCredentialsId(String prometheusCredentialsId) {
        this.prometheusCredentialsId = FormFields.clean(prometheusCredentialsId);
    }

    @CheckForNull
    @Override
    public String getApprovers() {
        return approvers;
    }

    @DataBoundSetter
    public void setApprovers(String approvers) {
        this.approvers = FormFields.clean(approvers);
    }

    @Extension
    @Symbol("grayRelease")
    public static final class DescriptorImpl extends AbstractFolderPropertyDescriptor {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GrayReleaseFolderProperty_DisplayName();
        }

        /** Kubeconfig files and tokens this folder can use; listing them needs Configure on the folder. */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId,
                                                     @QueryParameter String serverUrl) {
            return FormFields.clusterCredentials(item, credentialsId, serverUrl);
        }

        /** Tokens for Prometheus this folder can use; listing them needs Configure on the folder. */
        @POST
        public ListBoxModel doFillPrometheusCredentialsIdItems(@AncestorInPath Item item,
                                                              @QueryParameter String prometheusCredentialsId,
                                                              @QueryParameter String prometheusUrl) {
            return FormFields.tokenCredentials(item, prometheusCredentialsId, prometheusUrl);
        }

        @POST
        public FormValidation doCheckServerUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return FormFields.checkUrl(item, value);
        }

        @POST
        public FormValidation doCheckPrometheusUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return FormFields.checkUrl(item, value);
        }
    }
}
