package io.jenkins.plugins.grayrelease.core.support;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in plans and PromQL: {@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 1h30m}. One format for the plan file and for the {@code interval} placeholder, so a
 * value copied between the two means the same thing.
 */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\d+");
    /** The accepted forms, for messages. */
    public static final String FORMS = "a number with a unit (ms, s, m, h, d), for example 30s, 5m or 1h30m";

    private Durations() {}

    /**
     * @throws IllegalArgumentException naming the accepted format when {@code text} is not one
     */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write " + FORMS);
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(trimmed);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        return total;
    }

    /**
     * Like {@link #parse(String)}, and a whole number without unit counts in {@code bareNumberUnit}:
     * for the parameters whose documented unit predates the plan's form ({@code grayApproval(timeout: 30)}
     * is 30 minutes).
     *
     * @throws IllegalArgumentException naming the value and both accepted forms
     */
    public static Duration parse(String text, ChronoUnit bareNumberUnit) {
        String trimmed = text == null ? "" : text.trim();
        if (BARE_NUMBER.matcher(trimmed).matches()) {
            return Duration.of(Long.parseLong(trimmed), bareNumberUnit);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write " + FORMS
                    + ", or a whole number of " + bareNumberUnit.toString().toLowerCase(java.util.Locale.ROOT), e);
        }
    }

    /** The shortest text that {@link #parse} reads back to the same duration; also valid PromQL. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
