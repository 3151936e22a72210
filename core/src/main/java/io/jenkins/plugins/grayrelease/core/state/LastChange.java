package io.jenkins.plugins.grayrelease.core.state;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The last change the engine made, so that anyone reading the VirtualService knows what
 * happened and who did it.
 *
 * @param action what was done, readable ({@code setWeight 10}, {@code promote})
 * @param by     user id of the actor
 * @param at     when
 * @param origin where it came from (a Jenkins build URL, {@code grayctl}); may be null
 */
public record LastChange(String action, String by, Instant at, String origin) {

    /** As people read it: {@code setWeight 10 by alice at 2026-12-01T22:32:24Z (https://ci/job/x/7/)}, to the second. */
    public String describe() {
        return action + " by " + by + (at == null ? "" : " at " + at.truncatedTo(ChronoUnit.SECONDS))
                + (origin == null ? "" : " (" + origin + ")");
    }
}
