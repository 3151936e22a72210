package io.jenkins.plugins.grayrelease.fleet;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.grayrelease.steps.WithGrayReleaseStep;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.core.TargetSettings.Field;
import java.io.Serializable;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One target of a fleet release, as an element of {@code withGrayRelease(targets: [...])}:
 * {@code [cluster: 'eu-1', credentialsId: 'eu-1', namespace: 'shop', service: 'reviews', wave: 1]}.
 * What it leaves unset comes from the enclosing block (stable, canary, namespace, credentials …),
 * so a target states only what differs. Names only, never a secret.
 */
public final class ClusterTarget extends AbstractDescribableImpl<ClusterTarget> implements Serializable {

    private static final long serialVersionUID = 1L;

    private String cluster;
    private int wave = 1;
    private ReleaseSettings settings = ReleaseSettings.EMPTY;

    @DataBoundConstructor
    public ClusterTarget() {
    }

    /** The cluster's name on pages and in logs; unset: the kubeconfig context, else the credential id, else the server URL. */
    @CheckForNull
    public String getCluster() {
        return cluster;
    }

    @DataBoundSetter
    public void setCluster(String cluster) {
        this.cluster = cluster == null || cluster.isBlank() ? null : cluster.trim();
    }

    /** The wave this target moves in, from 1; targets of one wave move together. */
    public int getWave() {
        return wave;
    }

    @DataBoundSetter
    public void setWave(int wave) {
        this.wave = wave;
    }

    public String getCredentialsId() {
        return settings.getCredentialsId();
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        settings = settings.withCredentialsId(credentialsId);
    }

    public String getServerUrl() {
        return settings.getServerUrl();
    }

    @DataBoundSetter
    public void setServerUrl(String serverUrl) {
        settings = settings.withServerUrl(serverUrl);
    }

    public String getContext() {
        return settings.getContext();
    }

    @DataBoundSetter
    public void setContext(String context) {
        settings = settings.withContext(context);
    }

    public String getNamespace() {
        return settings.get(Field.NAMESPACE);
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        settings = settings.with(Field.NAMESPACE, namespace);
    }

    public String getService() {
        return settings.get(Field.SERVICE);
    }

    @DataBoundSetter
    public void setService(String service) {
        settings = settings.with(Field.SERVICE, service);
    }

    public String getVirtualService() {
        return settings.get(Field.VIRTUAL_SERVICE);
    }

    @DataBoundSetter
    public void setVirtualService(String virtualService) {
        settings = settings.with(Field.VIRTUAL_SERVICE, virtualService);
    }

    public String getHttpRoute() {
        return settings.get(Field.HTTP_ROUTE);
    }

    @DataBoundSetter
    public void setHttpRoute(String httpRoute) {
        settings = settings.with(Field.HTTP_ROUTE, httpRoute);
    }

    public String getDestinationRule() {
        return settings.get(Field.DESTINATION_RULE);
    }

    @DataBoundSetter
    public void setDestinationRule(String destinationRule) {
        settings = settings.with(Field.DESTINATION_RULE, destinationRule);
    }

    public String getRoute() {
        return settings.get(Field.ROUTE);
    }

    @DataBoundSetter
    public void setRoute(String route) {
        settings = settings.with(Field.ROUTE, route);
    }

    /** This target's own values, over the block's (which are over any enclosing block's). */
    ReleaseSettings over(ReleaseSettings block) {
        return settings.over(block);
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<ClusterTarget> {

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.ClusterTarget_displayName();
        }

        /** The same credentials, and the same permission rule, as withGrayRelease's own field. */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return WithGrayReleaseStep.DescriptorImpl.credentialItems(item, credentialsId);
        }

        public FormValidation doCheckWave(@QueryParameter String value) {
            try {
                return value == null || value.isBlank() || Integer.parseInt(value.trim()) >= 1 ? FormValidation.ok()
                        : FormValidation.error(Messages.ClusterTarget_waveFromOne());
            } catch (NumberFormatException e) {
                return FormValidation.error(Messages.ClusterTarget_waveFromOne());
            }
        }
    }
}
