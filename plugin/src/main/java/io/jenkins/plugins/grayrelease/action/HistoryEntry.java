package io.jenkins.plugins.grayrelease.action;

/** One line of a build's release history: who did what to which release, and when. */
public final class HistoryEntry {

    private final long at;
    private final String user;
    private final String target;
    private final String what;

    public HistoryEntry(long at, String user, String target, String what) {
        this.at = at;
        this.user = user;
        this.target = target;
        this.what = what;
    }

    public long getAt() {
        return at;
    }

    public java.util.Date getDate() {
        return new java.util.Date(at);
    }

    public String getUser() {
        return user;
    }

    public String getTarget() {
        return target;
    }

    public String getWhat() {
        return what;
    }
}
