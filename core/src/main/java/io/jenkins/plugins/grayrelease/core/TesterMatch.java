package io.jenkins.plugins.grayrelease.core;

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
}
