package io.jenkins.plugins.grayrelease.action;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.cluster.ReleaseSession;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.fleet.FleetEmergencyRollBack;
import io.jenkins.plugins.grayrelease.security.ReleasePermissions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jenkins.model.TransientActionFactory;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The job's "Gray Release" page: the live state of the releases of the job's most recent build
 * that made one, with an emergency Roll back. The page never waits for the cluster: it shows
 * the last reading from {@link LiveStatusCache}, which refreshes in the background.
 */
public final class GrayReleaseJobAction implements Action {

    /** How far back to look for a build that made a release; older releases are not "the last one". */
    private static final int BUILDS_TO_SEARCH = 25;
    /** Targets read live for one page; a build's further targets are listed on its own page. */
    static final int MAX_LIVE_TARGETS = 8;

    private final Job<?, ?> job;

    GrayReleaseJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    /**
     * Shown when the last build recorded a release. Only that build is looked at (Jenkins holds
     * it already): searching further would load up to {@link #BUILDS_TO_SEARCH} builds from disk
     * on every view of the job's page. The page itself, at its address, still finds an older one.
     */
    @Override
    public String getIconFileName() {
        Run<?, ?> last = job.getLastBuild();
        GrayReleaseAction a = last == null ? null : last.getAction(GrayReleaseAction.class);
        return madeARelease(a) ? GrayReleaseAction.ICON : null;
    }

    @Override
    public String getDisplayName() {
        return Messages.JobAction_DisplayName();
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
            if (madeARelease(a)) {
                return r;
            }
        }
        return null;
    }

    /** A build made a release when it recorded a target or a fleet. */
    private static boolean madeARelease(@CheckForNull GrayReleaseAction a) {
        return a != null && (!a.getTargets().isEmpty() || !a.getFleets().isEmpty());
    }

    /**
     * The fleet releases of the last release build, as that build last read them (the build page's table;
     * not read live here: one reading per member and view would be a request per cluster).
     */
    public List<FleetRecord> getFleets() {
        Run<?, ?> run = getLastReleaseBuild();
        return run == null ? List.of() : run.getAction(GrayReleaseAction.class).getFleets();
    }

    /**
     * Each target of the last release as last read from the cluster. Never waits for the
     * cluster: a missing or stale reading is refreshed in the background for the next view.
     */
    public List<LiveTarget> getLiveTargets() {
        Run<?, ?> run = getLastReleaseBuild();
        List<LiveTarget> result = new ArrayList<>();
        if (run == null) {
            return result;
        }
        LiveStatusCache cache = LiveStatusCache.get();
        long now = System.currentTimeMillis();
        for (TargetSnapshot t : run.getAction(GrayReleaseAction.class).getTargets().stream().limit(MAX_LIVE_TARGETS).toList()) {
            LiveStatusCache.Key key = keyOf(t);
            LiveStatusCache.Reading reading = cache.get(key, () -> readLive(t.getSettings(), run));
            result.add(new LiveTarget(job, t.getLabel(), reading, cache.isRefreshing(key), now));
        }
        return result;
    }

    /** Whether any target has not been read yet, so the page says it is reading (and reloads itself). */
    public boolean isReading(List<LiveTarget> targets) {
        return targets.stream().anyMatch(LiveTarget::isReading);
    }

    private LiveStatusCache.Key keyOf(TargetSnapshot t) {
        return new LiveStatusCache.Key(job.getFullName(), t.getKey());
    }

    /**
     * The target as the cluster has it now, read with the sides the cluster recorded (after a
     * promotion the recorded stable is the old canary, whatever the Jenkinsfile called stable).
     * Only when nothing is recorded and the route alone does not tell which side is stable are
     * the build's own stable and canary used.
     */
    static TargetSnapshot readLive(ReleaseSettings settings, Run<?, ?> run) throws IOException {
        try {
            return read(settings.sidesFromRecord(), run);
        } catch (InvalidReleaseException e) {
            return read(settings, run);
        }
    }

    private static TargetSnapshot read(ReleaseSettings settings, Run<?, ?> run) throws IOException {
        try (ReleaseSession session = ReleaseSession.openForPageRead(settings, run)) {
            return new TargetSnapshot(settings, session.engine().statusWithWorkloads(session.target()), System.currentTimeMillis());
        }
    }

    /** What a fleet's roll back button does. */
    public String rollBackFleetLabel(FleetRecord fleet) {
        return Messages.JobAction_RollBackFleet(fleet.getId());
    }

    public boolean canRollBack() {
        return ReleasePermissions.canRollBack(job);
    }

    /**
     * Emergency roll back: all traffic of the last release's targets (or of {@code target}, a
     * {@code namespace/service}) back to the stable the cluster recorded. A rollback wins: every
     * running build of the job that touches a rolled-back target stops going forward. Its pending
     * approvals are answered "rollback" where they offer it and end with an error saying the release
     * was rolled back where they do not (never a decision the Jenkinsfile did not offer); a build
     * with no pending approval (in a {@code sleep}, a rollout's pause) is aborted with that sentence.
     * Works whether or not the page offered the button (scripts call it too); rolling back a
     * finished release changes nothing.
     */
    @RequirePOST
    public HttpResponse doRollback(@QueryParameter String target) {
        ReleasePermissions.checkRollBack(job);
        Run<?, ?> run = getLastReleaseBuild();
        if (run == null) {
            return PlainResponse.of(404, Messages.JobAction_NoRelease(job.getFullDisplayName()));
        }
        GrayReleaseAction action = run.getAction(GrayReleaseAction.class);
        String user = ReleasePermissions.currentUserId();
        Actor actor = new Actor(user, ReleaseSession.origin(run) + " (emergency roll back)");
        LiveStatusCache cache = LiveStatusCache.get();
        List<String> failures = new ArrayList<>();
        Set<String> rolledBack = new TreeSet<>();
        for (TargetSnapshot t : action.getTargets()) {
            if (target != null && !target.isBlank() && !target.equals(t.getLabel())) {
                continue;
            }
            // The recorded sides: after a promotion, stable is the promoted version, not the Jenkinsfile's "stable".
            ReleaseSettings settings = t.getSettings().sidesFromRecord();
            try (ReleaseSession session = ReleaseSession.open(settings, run, actor)) {
                OperationResult r = session.engine().rollback(session.target(), WriteOptions.defaults());
                action.record(t.getSettings(), r.status(), user, "emergency roll back");
                cache.put(keyOf(t), new TargetSnapshot(settings, r.status(), System.currentTimeMillis()));
                rolledBack.add(t.getLabel());
            } catch (GrayReleaseException | IOException e) {
                failures.add(t.getLabel() + ": " + e.getMessage());
            }
        }
        for (FleetRecord fleet : action.getFleets()) {
            if (target != null && !target.isBlank() && !target.equals(fleet.getId())) {
                continue;
            }
            rollBackFleet(fleet, run, action, actor, rolledBack, failures);
        }
        String why = Messages.JobAction_RolledBackBy(String.join(", ", rolledBack), user,
                DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        RunningBuilds.stopGoingForward(job, rolledBack, user, why);
        if (!failures.isEmpty()) {
            return PlainResponse.of(500, Messages.JobAction_RollBackFailed(String.join("; ", failures)));
        }
        return HttpResponses.redirectToDot();
    }

    /**
     * Every member of {@code fleet} back to its recorded stable through the engine's coordinator (all or nothing;
     * an unreachable member is a failure naming the command that finishes it). The fleet's id stops its builds.
     */
    private static void rollBackFleet(FleetRecord fleet, Run<?, ?> run, GrayReleaseAction action, Actor actor,
            Set<String> rolledBack, List<String> failures) {
        if (fleet.getMembers().isEmpty()) {
            failures.add(Messages.JobAction_FleetNotRecorded(fleet.getId()));
            return;
        }
        try {
            FleetEmergencyRollBack.Done done = FleetEmergencyRollBack.rollBack(fleet, run, actor);
            action.recordFleet(fleet.getLabel(), done.status(), fleet.getMembers(), actor.user(),
                    "emergency roll back: " + done.outcome().summary());
            rolledBack.add(fleet.getId());
            if (!done.outcome().unfinished().isEmpty()) {
                failures.add(fleet.getId() + ": " + String.join(" ", done.outcome().sentences()));
            }
        } catch (IOException e) {
            failures.add(fleet.getId() + ": " + e.getMessage());
        }
    }

    /** A target as last read from the cluster, or why it could not be read, or that it is being read. */
    public static final class LiveTarget {
        private final Job<?, ?> job;
        private final String label;
        private final LiveStatusCache.Reading reading;
        private final boolean refreshing;
        private final long now;

        LiveTarget(Job<?, ?> job, String label, @CheckForNull LiveStatusCache.Reading reading, boolean refreshing, long now) {
            this.job = job;
            this.label = label;
            this.reading = reading;
            this.refreshing = refreshing;
            this.now = now;
        }

        public String getLabel() {
            return label;
        }

        /** True before the first reading completes. */
        public boolean isReading() {
            return reading == null;
        }

        /** True while a newer reading is being taken in the background. */
        public boolean isRefreshing() {
            return refreshing;
        }

        @CheckForNull
        public TargetSnapshot getSnapshot() {
            return reading == null ? null : reading.snapshot();
        }

        /**
         * Why the last reading failed, or null. The cluster's own words (its address, account
         * and credential names, the controller's paths) only for someone who may configure or
         * build the job; other readers learn that it failed and who can see why.
         */
        @CheckForNull
        public String getProblem() {
            String problem = reading == null ? null : reading.problem();
            if (problem == null || ReleasePermissions.canSeeClusterErrors(job)) {
                return problem;
            }
            return Messages.JobAction_ProblemHidden();
        }

        /** "read 4 sec ago", or null before the first reading. */
        @CheckForNull
        public String getReadAgo() {
            if (reading == null) {
                return null;
            }
            long age = Math.max(0, now - reading.readAt());
            return age < 1000 ? Messages.JobAction_ReadJustNow() : Messages.JobAction_ReadAgo(Util.getTimeSpanString(age - age % 1000));
        }

        /**
         * Whether a canary may receive traffic: false only when the cluster was read and shows
         * none (no canary, no canary weight, no tester route, no mirror), as after a promotion
         * or a roll back. Unknown (not read, unreadable) counts as live: the button stays.
         */
        public boolean isCanaryLive() {
            TargetSnapshot s = getSnapshot();
            return s == null || s.getCanary() != null || s.getCanaryWeight() > 0 || s.getTesters() != null
                    || s.getMirrorPercent() > 0;
        }

        /** What the roll back button does, naming the recorded stable when it is known. */
        public String getRollBackLabel() {
            TargetSnapshot s = getSnapshot();
            return s == null || s.getStable() == null ? Messages.JobAction_RollBackToRecordedStable(label)
                    : Messages.JobAction_RollBackTo(label, s.getStable());
        }

        /** Why there is no button for this target. */
        public String getNothingToRollBack() {
            TargetSnapshot s = getSnapshot();
            return Messages.JobAction_NothingToRollBack(label, s == null || s.getStable() == null ? "?" : s.getStable());
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
