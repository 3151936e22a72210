package io.jenkins.plugins.grayrelease.core.rollout;

/**
 * Whether an approval recorded on the cluster as given is also held where the front end keeps its
 * own record of answers: a resumed run skips a finished approval only when it is. The cluster's
 * record alone is never the proof of an approval given in Jenkins: the build's record must hold it.
 */
@FunctionalInterface
public interface ApprovalProof {

    /** grayctl: the release record is the run's only record. */
    ApprovalProof CLUSTER_RECORD = (step, givenFor) -> true;

    /**
     * @param step     the approval step (0-based)
     * @param givenFor the key of what it approved ({@link ApprovalRequest#givenFor()})
     */
    boolean holds(int step, String givenFor);
}
