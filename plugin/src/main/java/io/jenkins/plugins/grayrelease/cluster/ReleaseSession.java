package io.jenkins.plugins.grayrelease.cluster;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.ReleaseSettings;
import io.jenkins.plugins.grayrelease.action.GrayReleaseAction;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.RetryPolicy;
import io.jenkins.plugins.grayrelease.core.cluster.ClusterAccess;
import io.jenkins.plugins.grayrelease.core.cluster.ClusterConnector;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import jenkins.model.Jenkins;

/**
 * One conversation with the cluster for one build: the client, the engine and the target. Opened
 * and closed around each operation, always off the Pipeline (CPS VM) thread.
 */
public final class ReleaseSession implements AutoCloseable {

    private final KubernetesClient client;
    private final GrayRelease engine;
    private final ReleaseTarget target;
    private final String targetProblem;

    private ReleaseSession(KubernetesClient client, GrayRelease engine, ReleaseTarget target, String targetProblem) {
        this.client = client;
        this.engine = engine;
        this.target = target;
        this.targetProblem = targetProblem;
    }

    /**
     * Opens a session acting as the build (changes are recorded as made by the user who started
     * it), in the engine session of the enclosing block ({@link ReleaseSettings#session()}).
     */
    public static ReleaseSession open(ReleaseSettings settings, Run<?, ?> run) throws IOException {
        return open(settings, run, buildActor(run), settings.session());
    }

    /**
     * The same, and each retry of a request after a fault is told in the build's log at once (server URL,
     * cause, attempt), so a build waiting on a stalled API server says why within one attempt's time.
     */
    public static ReleaseSession open(ReleaseSettings settings, Run<?, ?> run, TaskListener listener) throws IOException {
        return open(settings, run, buildActor(run), settings.session(), false,
                notice -> listener.getLogger().println("warning: " + notice));
    }

    /** Opens a session acting as {@code actor} (a person pressing a button on the build page). */
    public static ReleaseSession open(ReleaseSettings settings, Run<?, ?> run, Actor actor) throws IOException {
        return open(settings, run, actor, null);
    }

    /**
     * Opens a session for a page that shows the cluster's state: one attempt, each request given
     * up after {@link #PAGE_READ_TIMEOUT}, so that an API server that is down or stalls on
     * purpose costs a page-read thread seconds, not minutes.
     */
    public static ReleaseSession openForPageRead(ReleaseSettings settings, Run<?, ?> run) throws IOException {
        return open(settings, run, buildActor(run), null, true);
    }

    /** How long one request of a page read may take, connecting and answering. */
    static final Duration PAGE_READ_TIMEOUT = Duration.ofSeconds(5);

    private static ReleaseSession open(ReleaseSettings settings, Run<?, ?> run, Actor actor, @CheckForNull SessionCache cache)
            throws IOException {
        return open(settings, run, actor, cache, false, null);
    }

    private static ReleaseSession open(ReleaseSettings settings, Run<?, ?> run, Actor actor, @CheckForNull SessionCache cache,
            boolean pageRead) throws IOException {
        return open(settings, run, actor, cache, pageRead, null);
    }

    private static ReleaseSession open(ReleaseSettings settings, Run<?, ?> run, Actor actor, @CheckForNull SessionCache cache,
            boolean pageRead, @CheckForNull Consumer<String> retryNotices) throws IOException {
        KubernetesClient client;
        try {
            ClusterAccess access = ClusterCredentials.resolve(settings, run);
            client = pageRead ? ClusterConnector.connect(access, PAGE_READ_TIMEOUT) : ClusterConnector.connect(access);
        } catch (GrayReleaseException e) {
            // The connector words a kubeconfig or client it cannot use as invalid input, like the engine.
            throw new AbortException(e.getMessage());
        }
        GrayRelease plain = pageRead ? new GrayRelease(client, actor, new RetryPolicy(1, Duration.ZERO, Duration.ZERO))
                : new GrayRelease(client, actor);
        GrayRelease inSession = cache == null ? plain : plain.withSession(cache);
        GrayRelease engine = retryNotices == null ? inSession : inSession.withRetryNotices(retryNotices);
        try {
            return new ReleaseSession(client, engine, settings.toTarget(client.getNamespace()), null);
        } catch (IllegalArgumentException e) {
            // Not every use needs the block's target (a rollout plan may name its own); target() says what is missing.
            return new ReleaseSession(client, engine, null, e.getMessage());
        }
    }

    /**
     * The build as the engine records it: the user who started it, else {@code jenkins}, from the
     * build's URL. An approver is named in the origin ("approved by …"), never as the author: the
     * changes after an approval are the build's, made by its Jenkinsfile, not the approver's.
     */
    public static Actor buildActor(Run<?, ?> run) {
        GrayReleaseAction action = run.getAction(GrayReleaseAction.class);
        String approver = action == null ? null : action.lastApprover();
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        String user = cause != null && cause.getUserId() != null ? cause.getUserId() : "jenkins";
        return new Actor(user, origin(run) + (approver == null ? "" : " (approved by " + approver + ")"));
    }

    /** The build's address, or its name when Jenkins does not know its own URL. */
    public static String origin(Run<?, ?> run) {
        String root = Jenkins.get().getRootUrl();
        return root != null ? root + run.getUrl() : run.getFullDisplayName();
    }

    public GrayRelease engine() {
        return engine;
    }

    /** The enclosing withGrayRelease's target. */
    public ReleaseTarget target() throws AbortException {
        if (target == null) {
            throw new AbortException(Messages.ReleaseSession_incompleteTarget(targetProblem));
        }
        return target;
    }

    /** The target when withGrayRelease names a complete one, otherwise null. */
    @CheckForNull
    public ReleaseTarget targetIfComplete() {
        return target;
    }

    @Override
    public void close() {
        client.close();
    }
}
