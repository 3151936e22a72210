package io.jenkins.plugins.grayrelease.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One condition that sends a request to the canary: a header compared exactly, by prefix or by
 * regular expression, or a cookie with an exact value.
 */
public record TesterMatch(Kind kind, String name, String value) {

    /**
     * The four kinds, each with the one word every surface uses for it: grayctl's option
     * ({@code --header-prefix}), a plan's and the status document's {@code kind:}, and Jenkins'
     * {@code kind:}. Older spellings are still read, never written.
     */
    public enum Kind {
        HEADER_EXACT("header", "header-exact"),
        HEADER_PREFIX("header-prefix", "prefix"),
        HEADER_REGEX("header-regex", "regex"),
        COOKIE("cookie");

        private final String word;
        private final List<String> formerWords;

        Kind(String word, String... formerWords) {
            this.word = word;
            this.formerWords = List.of(formerWords);
        }

        /** The word written everywhere: {@code header}, {@code header-prefix}, {@code header-regex}, {@code cookie}. */
        public String word() {
            return word;
        }

        /** The four words, in order, as a sentence's list: {@code header, header-prefix, header-regex or cookie}. */
        public static String words() {
            List<String> all = Arrays.stream(values()).map(Kind::word).toList();
            return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
        }

        /**
         * Reads a kind as any surface may give it, including the spellings used before one
         * vocabulary (Jenkins' {@code prefix}/{@code regex}, the status document's {@code header-exact}).
         *
         * @throws UnknownKindException naming the word and the four kinds
         */
        public static Kind parse(String text) {
            String w = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            for (Kind k : values()) {
                if (k.word.equals(w) || k.formerWords.contains(w)) {
                    return k;
                }
            }
            throw new UnknownKindException(text);
        }
    }

    /** A tester kind no surface knows; the message lists the four. */
    public static final class UnknownKindException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownKindException(String text) {
            super("unknown tester kind '" + text + "'; use one of " + Kind.words());
        }
    }

    /**
     * @param kind a kind's word ({@link Kind#parse})
     * @throws IllegalArgumentException for an unknown kind, or a blank name or value
     */
    public static TesterMatch of(String kind, String name, String value) {
        Kind k = Kind.parse(kind);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tester " + k.word() + " needs a name");
        }
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the tester " + k.word() + " '" + name + "' needs a value");
        }
        return new TesterMatch(k, name, value);
    }

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
