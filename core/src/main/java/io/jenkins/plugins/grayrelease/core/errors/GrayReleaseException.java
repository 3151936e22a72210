package io.jenkins.plugins.grayrelease.core.errors;

import io.jenkins.plugins.grayrelease.core.ObjectRef;

/**
 * Every failure the engine reports. The message always reads
 * {@code <namespace/Kind/name>: <field>: <problem>. <what to do>} so that a user can act on it
 * without a stack trace; callers branch on the subclass, never on the text.
 */
public abstract class GrayReleaseException extends RuntimeException {

    private final ObjectRef object;
    private final String field;
    private final String problem;
    private final String hint;

    protected GrayReleaseException(ObjectRef object, String field, String problem, String hint, Throwable cause) {
        super(format(object, field, problem, hint), cause);
        this.object = object;
        this.field = field;
        this.problem = problem;
        this.hint = hint;
    }

    static String format(ObjectRef object, String field, String problem, String hint) {
        StringBuilder sb = new StringBuilder();
        if (object != null) {
            sb.append(object).append(": ");
        }
        if (field != null && !field.isBlank()) {
            sb.append(field).append(": ");
        }
        sb.append(problem);
        if (hint != null && !hint.isBlank()) {
            // A problem that ends a sentence itself ("did you mean 'steps'?") gets no second full stop.
            sb.append(problem.endsWith(".") || problem.endsWith("?") ? " " : ". ").append(hint);
        }
        return sb.toString();
    }

    /** The object the problem is in, or null when it concerns no single object. */
    public ObjectRef object() {
        return object;
    }

    /** The field path ({@code spec.http[name=primary].route}), or null. */
    public String field() {
        return field;
    }

    /** What is wrong, without the object and the hint. */
    public String problem() {
        return problem;
    }

    /** What the user can do about it, or null. */
    public String hint() {
        return hint;
    }
}
