package io.jenkins.plugins.grayrelease.steps;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
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
 * the release target and cluster access for every gray-release step inside the block.
 */
public final class WithGrayReleaseStep extends Step {

    private final String service;
    private String namespace;
    private String stable;
    private String canary;
    private String stableHost;
    private String canaryHost;
    private String virtualService;
    private String destinationRule;
    private String route;
    private String credentialsId;
    private String serverUrl;
    private String context;

    @DataBoundConstructor
    public WithGrayReleaseStep(String service) {
        this.service = service;
    }

    public String getService() {
        return service;
    }

    public String getNamespace() {
        return namespace;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = blankToNull(namespace);
    }

    public String getStable() {
        return stable;
    }

    @DataBoundSetter
    public void setStable(String stable) {
        this.stable = blankToNull(stable);
    }

    public String getCanary() {
        return canary;
    }

    @DataBoundSetter
    public void setCanary(String canary) {
        this.canary = blankToNull(canary);
    }

    public String getStableHost() {
        return stableHost;
    }

    @DataBoundSetter
    public void setStableHost(String stableHost) {
        this.stableHost = blankToNull(stableHost);
    }

    public String getCanaryHost() {
        return canaryHost;
    }

    @DataBoundSetter
    public void setCanaryHost(String canaryHost) {
        this.canaryHost = blankToNull(canaryHost);
    }

    public String getVirtualService() {
        return virtualService;
    }

    @DataBoundSetter
    public void setVirtualService(String virtualService) {
        this.virtualService = blankToNull(virtualService);
    }

    public String getDestinationRule() {
        return destinationRule;
    }

    @DataBoundSetter
    public void setDestinationRule(String destinationRule) {
        this.destinationRule = blankToNull(destinationRule);
    }

    public String getRoute() {
        return route;
    }

    @DataBoundSetter
    public void setRoute(String route) {
        this.route = blankToNull(route);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = blankToNull(credentialsId);
    }

    public String getServerUrl() {
        return serverUrl;
    }

    @DataBoundSetter
    public void setServerUrl(String serverUrl) {
        this.serverUrl = blankToNull(serverUrl);
    }

    public String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        this.context = blankToNull(context);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    ReleaseSettings toSettings() {
        return ReleaseSettings.builder().namespace(namespace).service(service).stable(stable).canary(canary)
                .stableHost(stableHost).canaryHost(canaryHost).virtualService(virtualService)
                .destinationRule(destinationRule).route(route).credentialsId(credentialsId)
                .serverUrl(serverUrl).context(context).build();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, toSettings());
    }

    /** Runs the body with the settings merged over any enclosing block's; touches no cluster. */
    static final class Execution extends StepExecution {

        private static final long serialVersionUID = 1L;
        private final ReleaseSettings settings;

        Execution(StepContext context, ReleaseSettings settings) {
            super(context);
            this.settings = settings;
        }

        @Override
        public boolean start() throws Exception {
            ReleaseSettings merged = settings.over(getContext().get(ReleaseSettings.class));
            getContext().newBodyInvoker().withContext(merged).withCallback(BodyExecutionCallback.wrap(getContext())).start();
            return false;
        }

        @Override
        public void onResume() {
            // The body resumes by itself; nothing of ours is in flight.
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
            return "Gray release: target and cluster for the steps inside";
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
            return Set.of(ReleaseSettings.class);
        }

        public FormValidation doCheckService(@QueryParameter String value) {
            return value == null || value.isBlank() ? FormValidation.error("The Kubernetes service whose traffic is split, e.g. reviews") : FormValidation.ok();
        }

        /** Lists kubeconfig files and tokens the job can use; needs Configure (or Administer outside a job) to list ids. */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
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
