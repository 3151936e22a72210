package io.jenkins.plugins.grayrelease.core;

import java.util.List;

/**
 * The outcome of a writing operation.
 *
 * @param status  the status after the operation (in a dry run: as it would be)
 * @param changed true when something was (or, in a dry run, would be) written
 * @param dryRun  true when nothing was stored
 * @param change  the patch and diff; never null (an empty patch when nothing changed)
 * @param notes   sentences a user should read besides the status, e.g. why nothing changed
 *                ("nothing to roll back: ... was promoted") or which Deployment a clean-up deleted; may be empty
 */
public record OperationResult(ReleaseStatus status, boolean changed, boolean dryRun, PlannedChange change, List<String> notes) {

    public OperationResult {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A result without notes. */
    public OperationResult(ReleaseStatus status, boolean changed, boolean dryRun, PlannedChange change) {
        this(status, changed, dryRun, change, List.of());
    }

    /** This result with {@code note} added. */
    public OperationResult withNote(String note) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.add(note);
        return new OperationResult(status, changed, dryRun, change, all);
    }
}
