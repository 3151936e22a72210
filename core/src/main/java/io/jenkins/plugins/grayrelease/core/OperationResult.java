package io.jenkins.plugins.grayrelease.core;

/**
 * The outcome of a writing operation.
 *
 * @param status  the status after the operation (in a dry run: as it would be)
 * @param changed true when something was (or, in a dry run, would be) written
 * @param dryRun  true when nothing was stored
 * @param change  the patch and diff; never null (an empty patch when nothing changed)
 */
public record OperationResult(ReleaseStatus status, boolean changed, boolean dryRun, PlannedChange change) {
}
