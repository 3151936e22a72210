package io.jenkins.plugins.grayrelease.security;

import hudson.model.Item;
import hudson.model.Job;
import hudson.security.AccessDeniedException3;
import hudson.security.SecurityRealm;
import io.jenkins.plugins.grayrelease.approval.Approval;
import io.jenkins.plugins.grayrelease.core.rollout.plan.DecisionKind;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Every permission rule of the plugin, in one place so that the build page, the job page and the
 * web methods cannot drift apart.
 *
 * <ul>
 * <li>Seeing a release needs {@link Item#READ} on the job.</li>
 * <li>Answering an approval needs {@link Item#BUILD}; when the approval names submitters, only
 *     they (users or groups) and administrators may answer.</li>
 * <li>Rolling back is also allowed to whoever may {@link Item#CANCEL} the build: stopping a
 *     release must never be harder than stopping the build.</li>
 * </ul>
 */
public final class ReleasePermissions {

    private ReleasePermissions() {
    }

    public static void checkRead(Job<?, ?> job) {
        job.checkPermission(Item.READ);
    }

    public static boolean canDecide(Job<?, ?> job, Approval approval, DecisionKind decision) {
        if (decision == DecisionKind.ROLLBACK && job.hasPermission(Item.CANCEL)) {
            return true;
        }
        if (!approval.getSubmitters().isEmpty()) {
            return isSubmitter(approval) || Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return job.hasPermission(Item.BUILD);
    }

    /** Whether the page should show the approval's buttons at all. */
    public static boolean canAnswer(Job<?, ?> job, Approval approval) {
        return canDecide(job, approval, DecisionKind.PROMOTE) || canDecide(job, approval, DecisionKind.ROLLBACK);
    }

    /** @throws AccessDeniedException3 (HTTP 403) when the current user may not take {@code decision} */
    public static void checkDecide(Job<?, ?> job, Approval approval, DecisionKind decision) {
        if (!canDecide(job, approval, decision)) {
            throw new AccessDeniedException3(Jenkins.getAuthentication2(),
                    decision == DecisionKind.ROLLBACK ? Item.CANCEL : Item.BUILD);
        }
    }

    public static boolean canRollBack(Job<?, ?> job) {
        return job.hasPermission(Item.CANCEL) || job.hasPermission(Item.BUILD);
    }

    /** The emergency roll back on the job page. */
    public static void checkRollBack(Job<?, ?> job) {
        if (!canRollBack(job)) {
            throw new AccessDeniedException3(Jenkins.getAuthentication2(), Item.CANCEL);
        }
    }

    /**
     * Whether the current user may read the cluster's own error text for {@code job}: it can
     * name the API server, service accounts, credential ids and controller paths, which a
     * reader of the job has no need to see.
     */
    public static boolean canSeeClusterErrors(Job<?, ?> job) {
        return job.hasPermission(Item.CONFIGURE) || job.hasPermission(Item.BUILD);
    }

    /** The id recorded with a decision: the signed-in user's id, or {@code anonymous}. */
    public static String currentUserId() {
        return Jenkins.getAuthentication2().getName();
    }

    private static boolean isSubmitter(Approval approval) {
        Authentication auth = Jenkins.getAuthentication2();
        SecurityRealm realm = Jenkins.get().getSecurityRealm();
        for (String name : approval.getSubmitters()) {
            if (realm.getUserIdStrategy().equals(name, auth.getName())) {
                return true;
            }
            for (GrantedAuthority a : auth.getAuthorities()) {
                if (realm.getGroupIdStrategy().equals(name, a.getAuthority())) {
                    return true;
                }
            }
        }
        return false;
    }
}
