package io.jenkins.plugins.grayrelease.core.routing;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Envoy evaluates Istio regex matches with Google RE2. RE2's own Java implementation
 * ({@code com.google.re2j}) parses exactly RE2's syntax, so an expression is accepted here when
 * and only when RE2 would accept it: no look-around, back-references, possessive quantifiers,
 * {@code \Z} or {@code (?x)} (which {@code java.util.regex} accepts), while {@code (?P<name>...)},
 * {@code \p{Greek}} or a literal {@code {}} (which {@code java.util.regex} refuses) pass.
 */
public final class Re2Check {

    private Re2Check() {
    }

    /** Null when RE2 accepts the expression, else why not. */
    public static String problem(String regex) {
        if (regex == null || regex.isEmpty()) {
            return "the regular expression is empty";
        }
        try {
            Pattern.compile(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return "regular expression '" + regex + "' is not accepted by RE2 (the engine Envoy matches with): "
                    + e.getDescription() + (e.getPattern() == null || e.getPattern().isEmpty() ? "" : " at '" + e.getPattern() + "'");
        }
    }

    /** Escapes text so that RE2 matches it literally (RE2 has no {@code \Q...\E} in all versions). */
    public static String quote(String literal) {
        StringBuilder sb = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
