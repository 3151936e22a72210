package io.jenkins.plugins.grayrelease.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.cluster.ReleaseSession;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import io.jenkins.plugins.grayrelease.core.workload.CanaryDeployment;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadStatus;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadWait;
import java.time.Duration;
import java.util.Map;
import io.jenkins.plugins.grayrelease.fleet.FleetStepExecution;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.structs.describable.CustomDescribableModel;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code grayDeploy(image: 'registry/reviews:2.1', version: 'v2', replicas: 1)}: creates or updates
 * the canary Deployment from the stable one and waits until its pods are ready, like
 * {@code kubectl rollout status} (progress on the console; {@code wait: false} returns at once).
 * Sends no traffic to it; {@code grayRelease} does.
 */
public final class GrayDeployStep extends Step {

    private final String image;
    private final String version;
    private Integer replicas;
    private String from;
    private String container;
    private boolean wait = true;
    private String timeout;

    @DataBoundConstructor
    public GrayDeployStep(String image, String version) {
        this.image = image;
        this.version = version;
    }

    public String getImage() {
        return image;
    }

    public String getVersion() {
        return version;
    }

    public Integer getReplicas() {
        return replicas;
    }

    @DataBoundSetter
    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public String getFrom() {
        return from;
    }

    /** The stable Deployment to copy; unset finds the one serving the stable subset. */
    @DataBoundSetter
    public void setFrom(String from) {
        this.from = from == null || from.isBlank() ? null : from.trim();
    }

    public String getContainer() {
        return container;
    }

    @DataBoundSetter
    public void setContainer(String container) {
        this.container = container == null || container.isBlank() ? null : container.trim();
    }

    public boolean isWait() {
        return wait;
    }

    /** Wait until the canary's pods are ready (the default); false returns once the Deployment is written. */
    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    public String getTimeout() {
        return timeout;
    }

    /** How long to wait at most (e.g. 5m); unset: the Deployment's progressDeadlineSeconds. */
    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = timeout == null || timeout.isBlank() ? null : timeout.trim();
    }

    /** Checks the timeout here, on the Pipeline thread, so a typo fails before anything connects. */
    @Override
    public StepExecution start(StepContext context) throws Exception {
        FleetStepExecution.refuseInFleet(context, "grayDeploy");
        Duration limit = StepDurations.parse("grayDeploy", "timeout", timeout, null);
        return new Execution(context, new CanaryDeployment(image, version, replicas, from, container), wait, limit);
    }

    private static final class Execution extends ReleaseStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;
        private final transient CanaryDeployment request;
        private final boolean wait;
        /** Milliseconds; null: the Deployment's own progressDeadlineSeconds. Kept as a plain value in the program's state. */
        private final Long timeoutMillis;

        Execution(StepContext context, CanaryDeployment request, boolean wait, Duration timeout) {
            super(context, "grayDeploy");
            this.request = request;
            this.wait = wait;
            this.timeoutMillis = timeout == null ? null : timeout.toMillis();
        }

        @Override
        protected Map<String, Object> perform(Operation op) throws Exception {
            WorkloadWait waiting = wait ? op.waitTellingTheConsole().withTimeout(timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis)) : WorkloadWait.none();
            // A canary whose pods are not ready by the deadline fails the step with their reason; nothing is routed to it.
            WorkloadStatus w = op.session.engine().deployCanary(op.session.target(), request, waiting);
            String what = w.created() ? Messages.GrayDeployStep_created(w.name(), w.image(), w.version(), w.replicas())
                    : Messages.GrayDeployStep_updated(w.name(), w.image(), w.version(), w.replicas());
            recordOnTheBuildPage(op, what);
            op.listener.getLogger().println(Messages.ReleaseStep_line(op.settings.label(), what));
            return StatusDocument.deployment(w);
        }
    }

    /** The release with its Deployments on the build page, or (a service not routed yet) the history line alone. */
    private static void recordOnTheBuildPage(ReleaseStepExecution.Operation op, String what) throws AbortException {
        String user = ReleaseSession.buildActor(op.run).user();
        try {
            GrayReleaseAction.of(op.run).record(op.settings, op.session.engine().statusWithWorkloads(op.session.target()), user, what);
        } catch (InvalidReleaseException e) {
            GrayReleaseAction.of(op.run).addHistory(user, op.settings.label(), what);
        }
    }

    @Extension
    @Symbol("grayDeploy")
    public static final class DescriptorImpl extends ReleaseStepDescriptor implements CustomDescribableModel {

        @Override
        public String getFunctionName() {
            return "grayDeploy";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GrayDeployStep_displayName();
        }

        public FormValidation doCheckImage(@QueryParameter String value) {
            return value == null || value.isBlank() ? FormValidation.error(Messages.GrayDeployStep_imageRequired()) : FormValidation.ok();
        }

        public FormValidation doCheckVersion(@QueryParameter String value) {
            return value == null || value.isBlank() ? FormValidation.error(Messages.GrayDeployStep_versionRequired()) : FormValidation.ok();
        }

        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return StepDurations.check(value, null);
        }

        /** {@code timeout: 300} reaches the step as text, so it gets the step's own message (a unit is needed). */
        @NonNull
        @Override
        public Map<String, Object> customInstantiate(@NonNull Map<String, Object> arguments) {
            return StepDurations.numbersAsText(arguments, "timeout");
        }

        public FormValidation doCheckReplicas(@QueryParameter String value) {
            if (value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            try {
                return Integer.parseInt(value.trim()) >= 0 ? FormValidation.ok() : FormValidation.error(Messages.GrayDeployStep_replicasNegative());
            } catch (NumberFormatException e) {
                return FormValidation.error(Messages.GrayDeployStep_replicasNotANumber());
            }
        }
    }
}
