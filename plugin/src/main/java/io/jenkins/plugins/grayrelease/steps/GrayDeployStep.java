package io.jenkins.plugins.grayrelease.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.cluster.ReleaseSession;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import io.jenkins.plugins.grayrelease.core.workload.CanaryDeployment;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadStatus;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code grayDeploy(image: 'registry/reviews:2.1', version: 'v2', replicas: 1)}: creates or updates
 * the canary Deployment from the stable one. Sends no traffic to it; {@code grayRelease} does.
 */
public final class GrayDeployStep extends Step {

    private final String image;
    private final String version;
    private Integer replicas;
    private String from;
    private String container;

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

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, new CanaryDeployment(image, version, replicas, from, container));
    }

    private static final class Execution extends ReleaseStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;
        private final transient CanaryDeployment request;

        Execution(StepContext context, CanaryDeployment request) {
            super(context, "grayDeploy");
            this.request = request;
        }

        @Override
        protected Map<String, Object> perform(Operation op) throws Exception {
            WorkloadStatus w = op.session.engine().deployCanary(op.session.target(), request);
            String what = w.created() ? Messages.GrayDeployStep_created(w.name(), w.image(), w.version(), w.replicas())
                    : Messages.GrayDeployStep_updated(w.name(), w.image(), w.version(), w.replicas());
            GrayReleaseAction.of(op.run).addHistory(ReleaseSession.buildActor(op.run).user(), op.settings.label(), what);
            op.listener.getLogger().println(Messages.ReleaseStep_line(op.settings.label(), what));
            return StatusDocument.deployment(w);
        }
    }

    @Extension
    @Symbol("grayDeploy")
    public static final class DescriptorImpl extends ReleaseStepDescriptor {

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
