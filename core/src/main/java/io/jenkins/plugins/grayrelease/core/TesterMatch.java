package io.jenkins.plugins.grayrelease.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One condition that sends a request to the canary: a header compared exactly, by prefix or by
 * regular expression, or a cookie with an exact value.
 */
public record TesterMatch(Kind kind, String name, String value) {

    public enum Kind { HEADER_EXACT, HEADER_PREFIX, HEADER_REGEX, COOKIE }

    public static TesterMatch header(String name, String value) {
        return new TesterMatch(Kind.HEADER_EXACT, name, value);
    }

    public static TesterMatch headerPrefix(String name, String prefix) {
        return new TesterMatch(Kind.HEADER_PREFIX, name, prefix);
    }

    public static TesterMatch headerRegex(String name, String regex) {
        return new TesterMatch(Kind.HEADER_REGEX, name, regex);
    }

    public static TesterMatch cookie(String name, String value) {
        return new TesterMatch(Kind.COOKIE, name, value);
    }

    /** As a user would say it: {@code header end-user: jason}, {@code cookie canary=always}. */
    public String describe() {
        return switch (kind) {
            case HEADER_EXACT -> "header " + name + ": " + value;
            case HEADER_PREFIX -> "header " + name + " starting " + value;
            case HEADER_REGEX -> "header " + name + " ~ " + value;
            case COOKIE -> "cookie " + name + "=" + value;
        };
    }

    /** Several conditions, any of which sends a request to the canary: joined by {@code or}. */
    public static String describe(List<TesterMatch> matches) {
        return matches.stream().map(TesterMatch::describe).collect(Collectors.joining(" or "));
    }
}
