package io.jenkins.plugins.grayrelease.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.grayrelease.approval.Approval;
import io.jenkins.plugins.grayrelease.core.rollout.Decision;
import io.jenkins.plugins.grayrelease.cluster.ReleaseSession;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.security.ReleasePermissions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The job's "Gray Release" page: the live state of the releases of the job's most recent build
 * that made one, read from the cluster when the page is shown, with an emergency Roll back.
 */
public final class GrayReleaseJobAction implements Action {

    /** How far back to look for a build that made a release; older releases are not "the last one". */
    private static final int BUILDS_TO_SEARCH = 25;

    private final Job<?, ?> job;

    GrayReleaseJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    @Override
    public String getIconFileName() {
        return getLastReleaseBuild() == null ? null : GrayReleaseAction.ICON;
    }

    @Override
    public String getDisplayName() {
        return "Gray Release";
    }

    @Override
    public String getUrlName() {
        return GrayReleaseAction.URL_NAME;
    }

    /** The most recent build with a release target on its record, or null. */
    @CheckForNull
    public Run<?, ?> getLastReleaseBuild() {
        Run<?, ?> r = job.getLastBuild();
        for (int i = 0; r != null && i < BUILDS_TO_SEARCH; i++, r = r.getPreviousBuild()) {
            GrayReleaseAction a = r.getAction(GrayReleaseAction.class);
            if (a != null && !a.getTargets().isEmpty()) {
                return r;
            }
        }
        return null;
    }

    /** Each target of the last release as the cluster has it now; a target that cannot be read says why. */
    public List<LiveTarget> getLiveTargets() {
        Run<?, ?> run = getLastReleaseBuild();
        List<LiveTarget> result = new ArrayList<>();
        if (run == null) {
            return result;
        }
        for (TargetSnapshot t : run.getAction(GrayReleaseAction.class).getTargets()) {
            try (ReleaseSession session = ReleaseSession.open(t.getSettings(), run)) {
                result.add(LiveTarget.of(new TargetSnapshot(t.getSettings(), session.engine().status(session.target()),
                        System.currentTimeMillis())));
            } catch (IOException | RuntimeException e) {
                result.add(LiveTarget.unreadable(t, e.getMessage()));
            }
        }
        return result;
    }

    public boolean canRollBack() {
        return ReleasePermissions.canRollBack(job);
    }

    /**
     * Emergency roll back: all traffic of the last release's targets back to stable, and its
     * pending approvals answered "rollback" so that the build cannot promote afterwards.
     */
    @RequirePOST
    public HttpResponse doRollback(@QueryParameter String target) {
        ReleasePermissions.checkRollBack(job);
        Run<?, ?> run = getLastReleaseBuild();
        if (run == null) {
            return PlainResponse.of(404, "No recent build of " + job.getFullDisplayName() + " made a gray release; there is nothing to roll back.");
        }
        GrayReleaseAction action = run.getAction(GrayReleaseAction.class);
        String user = ReleasePermissions.currentUserId();
        Actor actor = new Actor(user, ReleaseSession.origin(run) + " (emergency roll back)");
        List<String> failures = new ArrayList<>();
        for (TargetSnapshot t : action.getTargets()) {
            if (target != null && !target.isBlank() && !target.equals(t.getLabel())) {
                continue;
            }
            try (ReleaseSession session = ReleaseSession.open(t.getSettings(), run, actor)) {
                OperationResult r = session.engine().rollback(session.target(), WriteOptions.defaults());
                action.record(t.getSettings(), r.status(), user, "emergency roll back");
            } catch (GrayReleaseException | IOException e) {
                failures.add(t.getLabel() + ": " + e.getMessage());
            }
        }
        for (Approval a : action.getPendingApprovals()) {
            action.answer(a, Decision.rollback(user), "emergency roll back");
        }
        if (!failures.isEmpty()) {
            return PlainResponse.of(500, "Roll back failed for " + String.join("; ", failures));
        }
        return HttpResponses.redirectToDot();
    }

    /** A target as the cluster has it now, or why it could not be read. */
    public static final class LiveTarget {
        private final TargetSnapshot snapshot;
        private final String label;
        private final String problem;

        private LiveTarget(TargetSnapshot snapshot, String label, String problem) {
            this.snapshot = snapshot;
            this.label = label;
            this.problem = problem;
        }

        static LiveTarget of(TargetSnapshot s) {
            return new LiveTarget(s, s.getLabel(), null);
        }

        static LiveTarget unreadable(TargetSnapshot recorded, String problem) {
            return new LiveTarget(null, recorded.getLabel(), problem);
        }

        @CheckForNull
        public TargetSnapshot getSnapshot() {
            return snapshot;
        }

        public String getLabel() {
            return label;
        }

        @CheckForNull
        public String getProblem() {
            return problem;
        }
    }

    @Extension
    public static final class Factory extends TransientActionFactory<Job> {

        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Job target) {
            // Only Pipeline builds run the steps; other jobs need not have their builds searched.
            return target.getLastBuild() instanceof FlowExecutionOwner.Executable
                    ? List.of(new GrayReleaseJobAction(target)) : List.of();
        }
    }
}
