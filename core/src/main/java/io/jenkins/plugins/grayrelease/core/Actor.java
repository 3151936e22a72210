package io.jenkins.plugins.grayrelease.core;

/**
 * Who asks for a change and from where, recorded in the release state's last change.
 *
 * @param user   a user id ({@code alice}, {@code jenkins:alice}); never a credential
 * @param origin a URL or short description of the origin (a Jenkins build URL, {@code grayctl}); may be null
 */
public record Actor(String user, String origin) {

    public Actor {
        if (user == null || user.isBlank()) {
            user = "unknown";
        }
    }

    /** The person running this process, as the operating system names them. */
    public static Actor currentUser(String origin) {
        return new Actor(System.getProperty("user.name"), origin);
    }
}
