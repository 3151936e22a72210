package io.jenkins.plugins.grayrelease.core.routing;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Envoy evaluates Istio regex matches with Google RE2, which is stricter than Java's regex
 * engine: an expression must compile and must avoid the constructs RE2 lacks.
 */
public final class Re2Check {

    private static final Pattern UNSUPPORTED = Pattern.compile(
            "\\\\[1-9]|\\(\\?=|\\(\\?!|\\(\\?<=|\\(\\?<!|\\(\\?>|[*+?}][+]|\\\\k<");

    private Re2Check() {
    }

    /** Null when RE2 accepts the expression, else why not. */
    public static String problem(String regex) {
        if (regex == null || regex.isEmpty()) {
            return "the regular expression is empty";
        }
        var unsupported = UNSUPPORTED.matcher(regex);
        if (unsupported.find()) {
            return "'" + unsupported.group() + "' in regular expression '" + regex
                    + "' is not supported by RE2 (no back-references, look-around, atomic groups or possessive quantifiers)";
        }
        try {
            // RE2 spells named groups (?P<name>...); Java only knows (?<name>...).
            Pattern.compile(regex.replace("(?P<", "(?<"));
            return null;
        } catch (PatternSyntaxException e) {
            return "regular expression '" + regex + "' does not compile: " + e.getDescription() + " near index " + e.getIndex();
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
