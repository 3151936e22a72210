package io.jenkins.plugins.grayrelease.core.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links and heading anchors of a Markdown page as GitHub renders it: code blocks and inline code
 * hold no links, and a heading's anchor is its text without markup, lower-cased, without punctuation
 * other than '-' and '_', spaces turned into '-', repeats numbered -1, -2, …
 */
final class MarkdownLinks {

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    /** A link's target as written, and the line it is on. */
    record Link(String target, int line) {
    }

    private MarkdownLinks() {
    }

    /** The links of {@code markdown}, outside code. */
    static List<Link> links(String markdown) {
        List<Link> links = new ArrayList<>();
        List<String> lines = proseLines(markdown);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINK.matcher(INLINE_CODE.matcher(lines.get(i)).replaceAll(""));
            while (m.find()) {
                links.add(new Link(m.group(1), i + 1));
            }
        }
        return links;
    }

    /** The anchors GitHub gives the headings of {@code markdown}. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : proseLines(markdown)) {
            Matcher heading = Pattern.compile("^#{1,6} (.+)$").matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /** GitHub's anchor of one heading's text. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("*", "");
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{IsAlphabetic}\\p{IsDigit}_ \\-]", "").replace(' ', '-');
    }

    /** The page's lines with those of fenced code blocks blanked, so line numbers stay. */
    private static List<String> proseLines(String markdown) {
        List<String> lines = new ArrayList<>();
        boolean fence = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                fence = !fence;
                lines.add("");
            } else {
                lines.add(fence ? "" : line);
            }
        }
        return lines;
    }
}
