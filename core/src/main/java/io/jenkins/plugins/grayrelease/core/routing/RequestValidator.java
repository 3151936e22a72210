package io.jenkins.plugins.grayrelease.core.routing;

import io.jenkins.plugins.grayrelease.core.ObjectRef;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the caller's input of a route change before anything is read or planned. */
public final class RequestValidator {

    /** HTTP header field names are RFC 9110 tokens. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private RequestValidator() {
    }

    /**
     * Checks that several changes may be planned together into one write: at least one, no kind
     * twice, tester route set and removed not both, and promote or roll back only on their own
     * (they move the release's sides, which the other changes depend on).
     */
    public static void validateAll(List<RouteChange> changes, ObjectRef vsRef) {
        if (changes.isEmpty()) {
            throw new InvalidReleaseException(vsRef, "changes", "nothing to change was given",
                    "Give a weight, testers, a mirror share, or remove the tester route");
        }
        Set<Class<?>> kinds = new HashSet<>();
        for (RouteChange c : changes) {
            if (!kinds.add(c.getClass())) {
                throw new InvalidReleaseException(vsRef, "changes", c.describe().split(" ")[0] + " is given twice",
                        "Give each change once");
            }
            if (changes.size() > 1 && (c instanceof RouteChange.Promote || c instanceof RouteChange.Rollback)) {
                throw new InvalidReleaseException(vsRef, "changes", c.describe() + " cannot be combined with other changes",
                        "Run " + c.describe() + " on its own");
            }
        }
        if (kinds.contains(RouteChange.SetTesters.class) && kinds.contains(RouteChange.RemoveTesters.class)) {
            throw new InvalidReleaseException(vsRef, "testers", "setting testers and removing the tester route contradict each other",
                    "Give either testers or the removal of the tester route");
        }
        for (RouteChange c : changes) {
            validate(c, vsRef);
        }
    }

    public static void validate(RouteChange change, ObjectRef vsRef) {
        if (change instanceof RouteChange.SetWeight w) {
            percent(vsRef, "weight", w.canaryPercent(), "Give the canary weight as a whole number from 0 to 100");
        } else if (change instanceof RouteChange.SetMirror m) {
            percent(vsRef, "mirror", m.percent(), "Give the mirrored share as a whole number from 0 (no mirror) to 100");
        } else if (change instanceof RouteChange.SetTesters t) {
            testers(vsRef, t.testers().matches());
        }
    }

    private static void percent(ObjectRef vsRef, String field, int value, String hint) {
        if (value < 0 || value > 100) {
            throw new InvalidReleaseException(vsRef, field, value + " is outside 0-100", hint);
        }
    }

    private static void testers(ObjectRef vsRef, List<TesterMatch> matches) {
        if (matches.isEmpty()) {
            throw new InvalidReleaseException(vsRef, "testers", "no match given",
                    "Give at least one header or cookie match, or remove the tester route instead");
        }
        for (int i = 0; i < matches.size(); i++) {
            TesterMatch m = matches.get(i);
            String field = "testers[" + i + "]";
            String what = m.kind() == TesterMatch.Kind.COOKIE ? "cookie" : "header";
            if (m.name() == null || m.name().isBlank()) {
                throw new InvalidReleaseException(vsRef, field + ".name", "the " + what + " name is empty",
                        "Give the " + what + " name, e.g. x-canary");
            }
            if (!TOKEN.matcher(m.name()).matches()) {
                throw new InvalidReleaseException(vsRef, field + ".name",
                        "'" + m.name() + "' is not a valid " + what + " name",
                        "Use letters, digits and - _ . only");
            }
            if (m.value() == null || m.value().isEmpty()) {
                throw new InvalidReleaseException(vsRef, field + ".value",
                        "the value for " + what + " '" + m.name() + "' is empty", "Give the value testers send");
            }
            if (m.kind() == TesterMatch.Kind.HEADER_REGEX) {
                String problem = Re2Check.problem(m.value());
                if (problem != null) {
                    throw new InvalidReleaseException(vsRef, field + ".value", problem,
                            "Istio matches with RE2 syntax; fix the expression");
                }
            }
            if (m.kind() == TesterMatch.Kind.COOKIE && m.value().contains(";")) {
                throw new InvalidReleaseException(vsRef, field + ".value",
                        "the value for cookie '" + m.name() + "' contains ';'", "Give a single cookie value");
            }
        }
    }
}
