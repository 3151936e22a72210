package io.jenkins.plugins.grayrelease.core.state;

/**
 * Where a rollout plan is, recorded with the release state so that a run that died resumes
 * from the cluster's record.
 *
 * @param plan      the plan's name
 * @param step      index (0-based) of the step this record is about
 * @param stepType  the step's kind ({@code setWeight}, {@code approval}, ...)
 * @param stepState {@code running} while it executes, {@code done} once finished (a resumed run
 *                  starts after a done step and re-enters a running one)
 * @param decision  the decision taken at an approval step, or null
 */
public record RolloutProgress(String plan, int step, String stepType, String stepState, String decision) {

    public static final String RUNNING = "running";
    public static final String DONE = "done";

    public boolean isDone() {
        return DONE.equals(stepState);
    }
}
