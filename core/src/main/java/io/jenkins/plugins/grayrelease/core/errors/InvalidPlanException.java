package io.jenkins.plugins.grayrelease.core.errors;


/**
 * A plan file that cannot run. The message reads
 * {@code plan.yaml line 12, column 7: steps[2].approval.timeout: <problem>. <fix>}; nothing has
 * been changed in the cluster when this is thrown.
 */
public final class InvalidPlanException extends InvalidReleaseException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String path;

    public InvalidPlanException(String source, int line, int column, String path, String problem, String hint) {
        super(null, where(source, line, column) + (path.isEmpty() ? "" : ": " + path), problem, hint);
        this.source = source;
        this.line = line;
        this.column = column;
        this.path = path;
    }

    private static String where(String source, int line, int column) {
        return line > 0 ? source + " line " + line + ", column " + column : source;
    }

    /** The file or other source the plan came from. */
    public String source() {
        return source;
    }

    /** 1-based line of the problem, or 0 when unknown. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The field's path in the plan, like {@code steps[2].approval.timeout}; empty for the whole plan. */
    public String path() {
        return path;
    }
}
