package io.jenkins.plugins.grayrelease.core;

import java.util.List;

/**
 * Testers' requests go 100 % to the canary. Each match is its own alternative (Istio ORs the
 * entries of {@code match}), so any one of them selects the canary.
 */
public record TesterRoute(List<TesterMatch> matches) {

    public TesterRoute {
        matches = List.copyOf(matches);
    }

    public static TesterRoute of(TesterMatch... matches) {
        return new TesterRoute(List.of(matches));
    }
}
