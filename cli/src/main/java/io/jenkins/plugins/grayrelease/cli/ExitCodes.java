package io.jenkins.plugins.grayrelease.cli;

/** grayctl's exit codes; scripts and CI jobs branch on them, so they never change meaning. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** The operation failed: API error, unreachable server, conflict after retries. */
    public static final int FAILED = 1;
    /** Invalid input or usage; nothing was written. */
    public static final int INVALID = 2;
    /** A rollout was rolled back by its analysis. */
    public static final int ROLLED_BACK = 3;
    /** An approval was rejected or not answered. */
    public static final int NOT_APPROVED = 4;
    /** A rollout stopped because someone else rolled the release back or aborted it (a rollback wins). */
    public static final int STOPPED_ELSEWHERE = 5;
    /** {@code grayctl rollout} was interrupted by Ctrl-C (SIGINT): 128 + 2, as shells report it. It still prints its final status. */
    public static final int INTERRUPTED = 130;
    /** {@code grayctl rollout} was terminated by SIGTERM (a CI runner's cancel): 128 + 15. It still prints its final status. */
    public static final int TERMINATED = 143;

    private ExitCodes() {
    }
}
