package io.jenkins.plugins.grayrelease.core.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.OperationResult;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.RetryPolicy;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.ReleaseStoppedException;
import io.jenkins.plugins.grayrelease.core.routing.RequestValidator;
import io.jenkins.plugins.grayrelease.core.routing.RouteChange;
import io.jenkins.plugins.grayrelease.core.state.Phase;
import io.jenkins.plugins.grayrelease.core.state.ReleaseListing;
import io.jenkins.plugins.grayrelease.core.state.ReleaseState;
import io.jenkins.plugins.grayrelease.core.state.RolloutProgress;
import io.jenkins.plugins.grayrelease.core.workload.CanaryDeployment;
import io.jenkins.plugins.grayrelease.core.workload.CanaryScale;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadStatus;
import io.jenkins.plugins.grayrelease.core.workload.WorkloadWait;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine's front door: every operation on a release. Each writing operation validates all
 * its input against the cluster before its first write, writes minimal patches guarded by what
 * its plan read (the managed route and its record, or {@code resourceVersion} where the plan
 * depends on the whole object; re-reading and re-planning when refused), is idempotent, and returns
 * the resulting status.
 *
 * <p>The only public class of the engine's package, and the only way in. Every failure leaves it
 * as an {@link io.jenkins.plugins.grayrelease.core.errors.GrayReleaseException} naming the object,
 * the field and what to do, never as the Kubernetes client's own exception.
 *
 * <p>Thread-safe; one instance per client and actor.
 */
public final class GrayRelease {

    private final KubernetesClient client;
    private final Actor actor;
    private final RetryPolicy retry;
    private final boolean serverDryRun;
    private final SessionCache session;
    private final Engine engine;
    private final Engine.Scaling scaling;
    private final ServerContact contact;

    public GrayRelease(KubernetesClient client, Actor actor) {
        this(client, actor, RetryPolicy.defaults());
    }

    public GrayRelease(KubernetesClient client, Actor actor, RetryPolicy retry) {
        this(client, actor, retry, true);
    }

    /**
     * @param serverDryRun whether a dry run also asks the API server to validate the planned
     *                     objects ({@code dryRun=All}, sent as a server-side apply). Safe on any
     *                     server: one that cannot do it (fabric8's plain mock server answers 415)
     *                     stores nothing and the result says it was not validated; the sandbox of
     *                     {@code grayctl demo} answers it as a real server does. False saves the request.
     */
    public GrayRelease(KubernetesClient client, Actor actor, RetryPolicy retry, boolean serverDryRun) {
        this(client, actor, retry, serverDryRun, null, null, ServerContact.of(client));
    }

    private GrayRelease(KubernetesClient client, Actor actor, RetryPolicy retry, boolean serverDryRun, SessionCache session,
                        Engine.Scaling scaling, ServerContact contact) {
        this.client = client;
        this.actor = actor;
        this.retry = retry;
        this.serverDryRun = serverDryRun;
        this.session = session;
        this.scaling = scaling;
        this.contact = contact;
        this.engine = new Engine(client, actor, retry, serverDryRun, Clock.systemUTC(), session, scaling, contact);
    }

    /** The same engine with server-side dry runs switched on or off; see the four-argument constructor. */
    public GrayRelease withServerDryRun(boolean enabled) {
        return new GrayRelease(client, actor, retry, enabled, session, scaling, contact);
    }

    /**
     * The same engine, keeping the canary Deployment's replicas in step with its traffic:
     * {@link #setWeight} scales it to {@code scale}'s replicas for the new weight, adding replicas
     * (and waiting for their pods by {@code wait}) before the weight rises and removing them only
     * after it has fallen; {@link #promote} first gives it as many replicas as the stable has.
     * The stable keeps its replicas. Null {@code scale}: replicas are left alone.
     */
    public GrayRelease withCanaryScale(CanaryScale scale, WorkloadWait wait) {
        return new GrayRelease(client, actor, retry, serverDryRun, session, scale == null ? null : new Engine.Scaling(scale, wait), contact);
    }

    /** The canary scale this engine keeps to, or null. */
    public CanaryScale canaryScale() {
        return scaling == null ? null : scaling.scale();
    }

    /**
     * The same engine in a new session: for code that shifts repeatedly (a rollout, a Jenkins
     * block, a script). It remembers the last VirtualService it read or wrote and the checked
     * DestinationRule, so a shift is one guarded PATCH; see {@link SessionCache}.
     */
    public GrayRelease session() {
        return withSession(new SessionCache());
    }

    /** The same engine in the session {@code cache} (which may outlive this engine's client, e.g. across Jenkins steps). */
    public GrayRelease withSession(SessionCache cache) {
        return new GrayRelease(client, actor, retry, serverDryRun, cache, scaling, contact);
    }

    /**
     * The same engine, telling {@code listener} each time a request to the API server is retried
     * after a fault, naming the server and the cause (e.g. {@code the API server https://10.0.0.1:6443
     * (context prod): no answer within 10 s; retrying (attempt 2 of 8)}), so that a person waiting
     * hears something within one attempt's time. Before the server has answered anything, a
     * failure to reach it is not retried but thrown at once as an
     * {@link io.jenkins.plugins.grayrelease.core.errors.ApiUnreachableException}.
     */
    public GrayRelease withRetryNotices(Consumer<String> listener) {
        return new GrayRelease(client, actor, retry, serverDryRun, session, scaling, contact.withNotices(listener));
    }

    /** Whether this engine is in a session. */
    public boolean inSession() {
        return session != null;
    }

    public KubernetesClient client() {
        return client;
    }

    public Actor actor() {
        return actor;
    }

    /**
     * The release records kept in {@code namespace}, or in all namespaces when null: one per
     * managed route of each VirtualService and HTTPRoute that carries one, sorted by namespace,
     * object and route, and the kinds this identity may not list. Reads only (one list request per kind).
     */
    public ReleaseListing releases(String namespace) {
        return engine.releases(namespace);
    }

    /** The weights as they really are, the recorded state, and any drift between the two. Reads only. */
    public ReleaseStatus status(ReleaseTarget target) {
        return engine.status(target);
    }

    /**
     * {@link #status} with each side's Deployments: name, image, ready/desired replicas and the
     * pods' problem (what {@code kubectl argo rollouts get rollout} shows). Reads the namespace's
     * Deployments and pods as well.
     */
    public ReleaseStatus statusWithWorkloads(ReleaseTarget target) {
        return engine.statusWithWorkloads(target);
    }

    /**
     * Tells {@link #statusWithWorkloads} now and again whenever it changes, woken by a watch on the
     * routing object, the Deployments and the pods of the namespace (never a poll loop). Returns
     * after {@code bound} (null: when the thread is interrupted).
     */
    public void watchStatus(ReleaseTarget target, java.util.function.Consumer<ReleaseStatus> onChange, java.time.Duration bound) {
        engine.watchStatus(target, onChange, bound);
    }

    /** Sends {@code canaryPercent} (0–100) of the managed route's traffic to the canary, the rest to stable. */
    public OperationResult setWeight(ReleaseTarget target, int canaryPercent, WriteOptions options) {
        return engine.setWeight(target, canaryPercent, options);
    }

    /**
     * Scales the canary Deployment to this engine's canary scale for the weight it has now, and
     * waits for its pods (a plan's {@code setCanaryScale} step).
     *
     * @throws IllegalStateException when the engine has no canary scale ({@link #withCanaryScale})
     */
    public void scaleCanary(ReleaseTarget target) {
        engine.scaleCanary(target);
    }

    /**
     * Several route changes (weight, testers, mirror) planned together and written as one guarded
     * patch, so that they take effect together or not at all. Promote and roll back go alone.
     * Everything is checked before anything is read.
     */
    public OperationResult apply(ReleaseTarget target, List<RouteChange> changes, WriteOptions options) {
        RequestValidator.validateAll(changes, target.virtualServiceRef());
        return engine.apply(target, List.copyOf(changes), options);
    }

    /** Puts (or replaces) the engine's tester route, sending matching requests 100 % to the canary, just before the managed route. */
    public OperationResult setTesters(ReleaseTarget target, TesterRoute testers, WriteOptions options) {
        return engine.route(target, new RouteChange.SetTesters(testers), options).result();
    }

    /** Removes the engine's tester route; nothing else changes. */
    public OperationResult removeTesters(ReleaseTarget target, WriteOptions options) {
        return engine.route(target, new RouteChange.RemoveTesters(), options).result();
    }

    /** Mirrors {@code percent} (0–100) of the managed route's traffic to the canary; 0 removes the mirror. */
    public OperationResult setMirror(ReleaseTarget target, int percent, WriteOptions options) {
        return engine.route(target, new RouteChange.SetMirror(percent), options).result();
    }

    /**
     * All traffic to the canary, which the state records as the new stable; tester and mirror
     * removed. With {@code cleanup}, the old stable Deployment is deleted once the routes are stored.
     *
     * <p>In the fixed-subset layout a promotion is three guarded writes, each leaving a valid state:
     * canary 100 %; the stable subset takes the canary's labels; stable 100 %, canary 0 %. A dry
     * run shows the first; an interrupted promotion resumes at the step it stopped before.
     */
    public OperationResult promote(ReleaseTarget target, PromoteOptions options) {
        return engine.promote(target, options);
    }

    /**
     * The canary's version as Istio's metrics label it ({@code destination_version}): the
     * target's {@code canaryVersion} when given, else the canary subset's {@code version} label in
     * the DestinationRule, then its {@code app.kubernetes.io/version}, then the subset's name.
     * Null when there is no canary, or it is a host without subset and no version was given.
     */
    public String canaryMetricVersion(ReleaseTarget target) {
        return engine.canaryMetricVersion(target);
    }

    /**
     * The stable's {@code destination_version} in Istio's metrics: its subset's version label in
     * the DestinationRule, else the subset's name; null when the stable is a host without subset
     * (then its own Service tells its requests apart). The judge compares the canary with it.
     */
    public String stableMetricVersion(ReleaseTarget target) {
        return engine.stableMetricVersion(target);
    }

    /**
     * Checks that the canary can take what it receives now (its weight, mirror or tester route): its
     * Deployments rolled out, with enough available pods (see the readiness gate). For a run that
     * waits: a canary whose pods crash after the shift is found here. Nothing when the target opts out
     * or the canary receives nothing. Reads only: one list of Deployments in a session.
     *
     * @throws io.jenkins.plugins.grayrelease.core.errors.WorkloadNotReadyException naming the Deployment,
     *     its numbers and the pods' reason
     */
    public void checkCanaryReadiness(ReleaseTarget target) {
        engine.checkCanaryReadiness(target);
    }

    /**
     * All traffic to stable; the engine's tester and mirror routes removed. After a promotion there is
     * nothing to roll back: nothing is written and the result's notes say so.
     */
    public OperationResult rollback(ReleaseTarget target, WriteOptions options) {
        return engine.route(target, new RouteChange.Rollback(), options).result();
    }

    /**
     * Records where a rollout plan is (and optionally its phase) in the release state, without
     * touching routes. A guarded write like any other.
     */
    public ReleaseStatus recordRollout(ReleaseTarget target, RolloutProgress progress, Phase phase) {
        return engine.record(target, progress, phase);
    }

    /**
     * Calls {@code onRecord} with the release's record (null: none) when watching starts and
     * after every change of the routing object, until the handle is closed: how a waiting run
     * learns at once of a rollback elsewhere or of an answer recorded on the cluster.
     */
    public AutoCloseable watchRecord(ReleaseTarget target, Consumer<ReleaseState> onRecord) {
        return engine.watchRecord(target, onRecord);
    }

    /**
     * In a session: the rollback or abort someone else recorded in {@code now} since the session
     * read the release, as the refusal its next forward move would get. Empty outside a session,
     * before its first read, and when {@code now} records no such stop.
     */
    public Optional<ReleaseStoppedException> stoppedElsewhere(ReleaseTarget target,
            ReleaseState now) {
        return engine.stoppedElsewhere(target, now);
    }

    /**
     * A digest of the canary's pod template (images, commands, args, env of the Deployments whose
     * pods the canary side selects): what an approval was given for. Null when no such Deployment exists.
     */
    public String canaryPodTemplateDigest(ReleaseTarget target) {
        return engine.canaryPodTemplateDigest(target);
    }

    /**
     * Records an answer to the approval a rollout waits for ({@code asked}: its progress as read,
     * with the question), so that the waiting run takes it; guarded like every write. Use
     * {@link io.jenkins.plugins.grayrelease.core.rollout.ClusterDecision}, which checks the answer first.
     *
     * @throws io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException when the run moved on or
     *     the question was answered meanwhile; nothing written
     */
    public ReleaseStatus answerApproval(ReleaseTarget target, RolloutProgress asked, RolloutProgress.Answer answer) {
        return engine.answer(target, asked, answer);
    }

    /** Creates or updates the canary Deployment from the stable one; see {@link CanaryDeployment}. */
    public WorkloadStatus deployCanary(ReleaseTarget target, CanaryDeployment request) {
        return engine.deployCanary(target, request);
    }

    /**
     * Creates or updates the canary Deployment, then, when {@code wait} says so, waits until its
     * pods are ready (like {@code kubectl rollout status}), telling each change of readiness to
     * {@code wait}'s progress. Sends no traffic either way.
     *
     * @throws io.jenkins.plugins.grayrelease.core.errors.WorkloadNotAvailableException when its pods
     *     are not ready by the Deployment's progress deadline (or {@code wait}'s timeout), naming the pods' reason
     */
    public WorkloadStatus deployCanary(ReleaseTarget target, CanaryDeployment request, WorkloadWait wait) {
        return engine.deployCanary(target, request, wait);
    }
}
