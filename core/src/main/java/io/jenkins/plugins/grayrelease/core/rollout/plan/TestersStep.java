package io.jenkins.plugins.grayrelease.core.rollout.plan;

import io.jenkins.plugins.grayrelease.core.support.Counted;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code - testers: {headers: {x-canary: "true"}}}: requests matching any entry go to the canary.
 * {@code headers} compare exactly, {@code headerPrefixes} by prefix, {@code headerRegexes} by
 * regular expression, {@code cookies} by exact value.
 */
public record TestersStep(Map<String, String> headers, Map<String, String> headerPrefixes,
        Map<String, String> headerRegexes, Map<String, String> cookies) implements Step {
    public static final String KIND = "testers";

    public TestersStep {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        headerPrefixes = headerPrefixes == null ? Map.of() : Map.copyOf(headerPrefixes);
        headerRegexes = headerRegexes == null ? Map.of() : Map.copyOf(headerRegexes);
        cookies = cookies == null ? Map.of() : Map.copyOf(cookies);
        if (headers.isEmpty() && headerPrefixes.isEmpty() && headerRegexes.isEmpty() && cookies.isEmpty()) {
            throw new IllegalArgumentException("'testers' needs at least one of headers, headerPrefixes,"
                    + " headerRegexes or cookies");
        }
    }

    public TesterRoute toTesterRoute() {
        List<TesterMatch> matches = new ArrayList<>();
        headers.forEach((k, v) -> matches.add(TesterMatch.header(k, v)));
        headerPrefixes.forEach((k, v) -> matches.add(TesterMatch.headerPrefix(k, v)));
        headerRegexes.forEach((k, v) -> matches.add(TesterMatch.headerRegex(k, v)));
        cookies.forEach((k, v) -> matches.add(TesterMatch.cookie(k, v)));
        return new TesterRoute(matches);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return KIND + " " + Counted.of(toTesterRoute().matches().size(), "match", "matches");
    }

    @Override
    public boolean waits() {
        return false;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.testers(this);
    }
}
