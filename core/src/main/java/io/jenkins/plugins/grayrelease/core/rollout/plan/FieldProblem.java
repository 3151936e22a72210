package io.jenkins.plugins.grayrelease.core.rollout.plan;

/**
 * A bad value found while building one section of the plan, naming the field (relative to the
 * section) so the parser can point at its line.
 */
final class FieldProblem extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    FieldProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    FieldProblem(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** Field name relative to the section, possibly dotted ({@code analysis.count}). */
    String field() {
        return field;
    }
}
