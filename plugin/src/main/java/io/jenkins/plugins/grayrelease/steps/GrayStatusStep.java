package io.jenkins.plugins.grayrelease.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.cluster.ReleaseSession;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import io.jenkins.plugins.grayrelease.fleet.FleetStepExecution;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code def s = grayStatus()}: the release as it really is (weights, phase, drift, each side's Deployments). Reads only. */
public final class GrayStatusStep extends Step {

    @DataBoundConstructor
    public GrayStatusStep() {
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        if (FleetStepExecution.fleetOf(context) != null) {
            return new FleetStepExecution(context, "grayStatus", null, null);
        }
        return new Execution(context);
    }

    private static final class Execution extends ReleaseStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        Execution(StepContext context) {
            super(context, "grayStatus");
        }

        @Override
        protected Map<String, Object> perform(Operation op) throws Exception {
            ReleaseStatus s = op.session.engine().statusWithWorkloads(op.session.target());
            GrayReleaseAction.of(op.run).record(op.settings, s, ReleaseSession.buildActor(op.run).user(), null);
            for (String d : s.drift()) {
                op.listener.getLogger().println(Messages.ReleaseStep_line(s.namespace() + "/" + s.service(), Messages.GrayStatusStep_drift(d)));
            }
            return StatusDocument.of(s);
        }
    }

    @Extension
    @Symbol("grayStatus")
    public static final class DescriptorImpl extends ReleaseStepDescriptor {

        @Override
        public String getFunctionName() {
            return "grayStatus";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.GrayStatusStep_displayName();
        }
    }
}
