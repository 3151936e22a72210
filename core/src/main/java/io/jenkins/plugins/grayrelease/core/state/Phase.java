package io.jenkins.plugins.grayrelease.core.state;

/** Where a release stands, as recorded on the VirtualService. */
public enum Phase {
    /** Canary receives traffic (weight, testers or mirror) and no decision is pending. */
    PROGRESSING,
    /** A rollout waits: a pause step or an approval. */
    PAUSED,
    /** All traffic went to the canary, which is now the recorded stable. */
    PROMOTED,
    /** All traffic went back to stable and the engine's routes were removed. */
    ROLLED_BACK,
    /** A rollout was stopped without a decision; traffic stays as it was when it stopped. */
    ABORTED
}
