package io.jenkins.plugins.grayrelease.steps;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.core.Layout;
import io.jenkins.plugins.grayrelease.fleet.FleetSettings;
import io.jenkins.plugins.grayrelease.fleet.ClusterTarget;
import java.util.ArrayList;
import io.jenkins.plugins.grayrelease.core.TargetSettings.Field;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code withGrayRelease(namespace: 'shop', service: 'reviews', stable: 'v1', canary: 'v2') { … }}:
 * the release target and cluster access for every gray-release step inside the block. With
 * {@code targets: [[cluster: 'eu-1', credentialsId: 'eu-1'], [cluster: 'us-1', credentialsId: 'us-1', wave: 2]]}
 * the block is one release of several targets (a fleet), each target's values over the block's.
 */
public final class WithGrayReleaseStep extends Step {

    /** The block's values, one field each; the setters below only name them for Pipeline and forms. */
    private ReleaseSettings settings;
    private List<ClusterTarget> targets;

    @DataBoundConstructor
    public WithGrayReleaseStep(String service) {
        this.settings = ReleaseSettings.EMPTY.with(Field.SERVICE, service);
    }

    public String getService() {
        return settings.get(Field.SERVICE);
    }

    public String getNamespace() {
        return settings.get(Field.NAMESPACE);
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        settings = settings.with(Field.NAMESPACE, namespace);
    }

    public String getStable() {
        return settings.get(Field.STABLE);
    }

    @DataBoundSetter
    public void setStable(String stable) {
        settings = settings.with(Field.STABLE, stable);
    }

    public String getCanary() {
        return settings.get(Field.CANARY);
    }

    @DataBoundSetter
    public void setCanary(String canary) {
        settings = settings.with(Field.CANARY, canary);
    }

    public String getStableHost() {
        return settings.get(Field.STABLE_HOST);
    }

    @DataBoundSetter
    public void setStableHost(String stableHost) {
        settings = settings.with(Field.STABLE_HOST, stableHost);
    }

    public String getCanaryHost() {
        return settings.get(Field.CANARY_HOST);
    }

    @DataBoundSetter
    public void setCanaryHost(String canaryHost) {
        settings = settings.with(Field.CANARY_HOST, canaryHost);
    }

    public String getVirtualService() {
        return settings.get(Field.VIRTUAL_SERVICE);
    }

    @DataBoundSetter
    public void setVirtualService(String virtualService) {
        settings = settings.with(Field.VIRTUAL_SERVICE, virtualService);
    }

    /** The Gateway API HTTPRoute to manage instead of a VirtualService; stable and canary then name Services. */
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

    public String getCanaryVersion() {
        return settings.get(Field.CANARY_VERSION);
    }

    @DataBoundSetter
    public void setCanaryVersion(String canaryVersion) {
        settings = settings.with(Field.CANARY_VERSION, canaryVersion);
    }

    public String getLayout() {
        return settings.get(Field.LAYOUT);
    }

    @DataBoundSetter
    public void setLayout(String layout) {
        settings = settings.with(Field.LAYOUT, layout);
    }

    /** {@code traffic} or a number of replicas: the canary Deployment's replicas follow its traffic in the steps inside. */
    public String getCanaryScale() {
        return settings.get(Field.CANARY_SCALE);
    }

    @DataBoundSetter
    public void setCanaryScale(String canaryScale) {
        settings = settings.with(Field.CANARY_SCALE, canaryScale);
    }

    /** True (the default) unless this block turns the gate off. */
    public boolean isReadinessGate() {
        return !"false".equals(settings.get(Field.READINESS_GATE));
    }

    /**
     * {@code false} turns the engine's readiness gate off for the steps inside (nested blocks too): for
     * workloads this cluster does not hold (another cluster, a ServiceEntry). Nothing then stops traffic
     * going to pods that are not there. {@code true} leaves it as the enclosing block says (on by default).
     */
    @DataBoundSetter
    public void setReadinessGate(boolean readinessGate) {
        settings = settings.with(Field.READINESS_GATE, readinessGate ? null : "false");
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

    /** The fleet's targets, or null for a release of one target. */
    public List<ClusterTarget> getTargets() {
        return targets;
    }

    /**
     * Several targets released as one (a fleet): each names what differs from this block (cluster,
     * namespace, service, routing object) and its wave; the steps inside act on all of them.
     */
    @DataBoundSetter
    public void setTargets(List<ClusterTarget> targets) {
        this.targets = targets == null || targets.isEmpty() ? null : new ArrayList<>(targets);
    }

    ReleaseSettings toSettings() {
        return settings;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, toSettings(), targets);
    }

    /** Runs the body with the settings merged over any enclosing block's; touches no cluster. */
    static final class Execution extends StepExecution {

        private static final long serialVersionUID = 1L;
        private final ReleaseSettings settings;
        private final List<ClusterTarget> targets;

        Execution(StepContext context, ReleaseSettings settings, List<ClusterTarget> targets) {
            super(context);
            this.settings = settings;
            this.targets = targets;
        }

        @Override
        public boolean start() throws Exception {
            ReleaseSettings merged = settings.over(getContext().get(ReleaseSettings.class));
            BodyInvoker body = getContext().newBodyInvoker().withContext(merged);
            FleetSettings fleet = null;
            try {
                merged.getTarget().canaryScale();
                if (targets != null) {
                    fleet = FleetSettings.of(targets, merged);
                    body = body.withContext(fleet);
                } else if (getContext().get(FleetSettings.class) != null) {
                    // A block of one target inside a fleet's: the steps inside act on that target alone.
                    body = body.withContext(FleetSettings.NONE);
                }
            } catch (IllegalArgumentException e) {
                throw new AbortException(e.getMessage().startsWith("withGrayRelease") ? e.getMessage() : "withGrayRelease: " + e.getMessage());
            }
            body.withCallback(targets == null ? BodyExecutionCallback.wrap(getContext()) : new CloseFleet(fleet)).start();
            return false;
        }

        @Override
        public void onResume() {
            // The body resumes by itself; nothing of ours is in flight.
        }
    }

    /** Closes the fleet's coordinator and its cluster connections when the block ends, however it ends. */
    private static final class CloseFleet extends BodyExecutionCallback.TailCall {

        private static final long serialVersionUID = 1L;
        private final FleetSettings fleet;

        CloseFleet(FleetSettings fleet) {
            this.fleet = fleet;
        }

        @Override
        protected void finished(StepContext context) {
            fleet.close();
        }
    }

    @Extension
    @Symbol("withGrayRelease")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "withGrayRelease";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.WithGrayReleaseStep_displayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(TaskListener.class);
        }

        @Override
        public Set<? extends Class<?>> getProvidedContext() {
            return Set.of(ReleaseSettings.class, FleetSettings.class);
        }

        public FormValidation doCheckService(@QueryParameter String value) {
            return value == null || value.isBlank() ? FormValidation.error(Messages.WithGrayReleaseStep_serviceRequired()) : FormValidation.ok();
        }

        public FormValidation doCheckCanaryScale(@QueryParameter String value) {
            return GrayReleaseStep.DescriptorImpl.scale(value);
        }

        public FormValidation doCheckLayout(@QueryParameter String value) {
            try {
                Layout.parse(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        /** Lists kubeconfig files and tokens the job can use; needs Configure (or Administer outside a job) to list ids. */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return credentialItems(item, credentialsId);
        }

        /** The cluster credentials {@code item} may use, for this block's form and each fleet target's. */
        public static ListBoxModel credentialItems(Item item, String credentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            boolean allowed = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
            if (!allowed) {
                return result.includeCurrentValue(credentialsId);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, item, FileCredentials.class, List.of(),
                            CredentialsMatchers.always())
                    .includeMatchingAs(ACL.SYSTEM2, item, StringCredentials.class, List.of(),
                            CredentialsMatchers.always())
                    .includeCurrentValue(credentialsId);
        }
    }
}
