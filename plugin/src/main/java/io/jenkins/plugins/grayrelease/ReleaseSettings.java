package io.jenkins.plugins.grayrelease;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.SessionCache;
import io.jenkins.plugins.grayrelease.core.TargetSettings;
import java.io.Serializable;

/**
 * What {@code withGrayRelease} hands to the steps inside it: the release target (the engine's
 * {@link TargetSettings}) and how to reach the cluster. Only names and a credentials id live
 * here, never a secret, because the object is kept in the build's program state and record.
 */
public final class ReleaseSettings implements Serializable {

    private static final long serialVersionUID = 2L;

    public static final ReleaseSettings EMPTY = new ReleaseSettings(TargetSettings.empty(), null, null, null);

    private final TargetSettings target;
    private final String credentialsId;
    private final String serverUrl;
    private final String context;
    /**
     * The steps of one {@code withGrayRelease} block share a session: each shift is then one
     * guarded PATCH planned from the VirtualService the previous step stored. In memory only (a
     * restarted controller starts a new one, which costs one read).
     */
    private transient SessionCache session;

    private ReleaseSettings(TargetSettings target, String credentialsId, String serverUrl, String context) {
        this.target = target;
        this.credentialsId = clean(credentialsId);
        this.serverUrl = clean(serverUrl);
        this.context = clean(context);
    }

    /** The session of the block these settings belong to (made on first use). */
    public synchronized SessionCache session() {
        if (session == null) {
            session = new SessionCache();
        }
        return session;
    }

    public static ReleaseSettings of(TargetSettings target) {
        return new ReleaseSettings(target, null, null, null);
    }

    public ReleaseSettings with(TargetSettings.Field field, String value) {
        return new ReleaseSettings(target.with(field, value), credentialsId, serverUrl, context);
    }

    public ReleaseSettings withCredentialsId(String value) {
        return new ReleaseSettings(target, value, serverUrl, context);
    }

    public ReleaseSettings withServerUrl(String value) {
        return new ReleaseSettings(target, credentialsId, value, context);
    }

    public ReleaseSettings withContext(String value) {
        return new ReleaseSettings(target, credentialsId, serverUrl, value);
    }

    /**
     * These settings with every unset value taken from {@code outer}, so that a nested
     * {@code withGrayRelease} only states what differs.
     */
    public ReleaseSettings over(@CheckForNull ReleaseSettings outer) {
        if (outer == null) {
            return this;
        }
        return new ReleaseSettings(target.over(outer.target), pick(credentialsId, outer.credentialsId),
                pick(serverUrl, outer.serverUrl), pick(context, outer.context));
    }

    private static String pick(String inner, String outer) {
        return inner != null ? inner : outer;
    }

    private static String clean(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The same release and cluster, with stable and canary as the cluster recorded them. */
    public ReleaseSettings sidesFromRecord() {
        return new ReleaseSettings(target.sidesFromRecord(), credentialsId, serverUrl, context);
    }

    /** The engine's target; see {@link TargetSettings#toTarget}. */
    public ReleaseTarget toTarget(@CheckForNull String defaultNamespace) {
        return target.toTarget(defaultNamespace);
    }

    /** A short label for logs and pages: {@code namespace/service}. */
    public String label() {
        return target.label();
    }

    public TargetSettings getTarget() {
        return target;
    }

    public String get(TargetSettings.Field field) {
        return target.get(field);
    }

    public String getService() {
        return target.get(TargetSettings.Field.SERVICE);
    }

    public String getNamespace() {
        return target.get(TargetSettings.Field.NAMESPACE);
    }

    /** True when no cluster access is named, so the folder's or Jenkins' defaults apply. */
    public boolean namesNoCluster() {
        return credentialsId == null && serverUrl == null && context == null;
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @CheckForNull
    public String getServerUrl() {
        return serverUrl;
    }

    @CheckForNull
    public String getContext() {
        return context;
    }
}
