package io.jenkins.plugins.grayrelease.core.rollout.plan;

import io.jenkins.plugins.grayrelease.core.support.Counted;
import com.fasterxml.jackson.annotation.JsonCreator;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import java.util.List;

/**
 * {@code - testers: [{kind: header, name: x-canary, value: "true"}]}: requests matching any entry
 * go to the canary. The entries are those of the status document's {@code testers}, so a status
 * can be given back as it is; {@link TesterEntries} reads them, and the older map form.
 */
public record TestersStep(List<TesterMatch> matches) implements Step {
    public static final String KIND = "testers";

    public TestersStep {
        matches = List.copyOf(matches);
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("'testers' needs at least one entry {kind, name, value}, kind one of "
                    + TesterMatch.Kind.words());
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TestersStep parse(Object value) {
        return new TestersStep(TesterEntries.read(value));
    }

    public TesterRoute toTesterRoute() {
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
