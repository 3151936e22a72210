package io.jenkins.plugins.grayrelease.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's documentation pages (README.md, docs/*.md) as the tests read them: a section under
 * its heading and the fenced code blocks in it, so that every snippet a user copies is the one a test
 * runs. A page, heading or block that is missing fails the test naming it.
 */
public final class DocPages {

    private DocPages() {
    }

    /** The project's root folder: Surefire runs in the module's folder (core/, cli/, plugin/). */
    public static Path root() {
        for (Path candidate : List.of(Path.of(""), Path.of(".."))) {
            Path dir = candidate.toAbsolutePath().normalize();
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new AssertionError("the project's README.md and docs/ not found from " + Path.of("").toAbsolutePath());
    }

    /** The page at {@code page}, relative to the project root (e.g. {@code docs/plans.md}). */
    public static String read(String page) {
        try {
            return Files.readString(root().resolve(page), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the documentation page " + page, e);
        }
    }

    /**
     * The section of {@code page} under the heading whose text is {@code heading} (any level), up to the
     * next heading of the same or a higher level; headings inside code blocks do not count.
     */
    public static String section(String page, String heading) {
        List<String> lines = read(page).lines().toList();
        int start = -1;
        int level = 0;
        boolean fence = false;
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("```")) {
                fence = !fence;
            }
            int lineLevel = fence ? 0 : headingLevel(line);
            if (start < 0) {
                if (lineLevel > 0 && line.substring(lineLevel).strip().equals(heading)) {
                    start = 1;
                    level = lineLevel;
                }
                continue;
            }
            if (lineLevel > 0 && lineLevel <= level) {
                break;
            }
            out.append(line).append('\n');
        }
        if (start < 0) {
            throw new AssertionError(page + " has no heading '" + heading + "'");
        }
        return out.toString();
    }

    /** The fenced blocks of {@code text} whose info string is {@code language}, in order, without their fences. */
    public static List<String> blocks(String text, String language) {
        List<String> blocks = new ArrayList<>();
        String open = "```" + language + "\n";
        int at = 0;
        while ((at = text.indexOf(open, at)) >= 0) {
            int start = at + open.length();
            int end = text.indexOf("\n```", start - 1);
            blocks.add(text.substring(start, end + 1));
            at = end + 4;
        }
        return blocks;
    }

    /** The first block of {@code language} in the section under {@code heading} of {@code page}. */
    public static String firstBlock(String page, String heading, String language) {
        List<String> blocks = blocks(section(page, heading), language);
        if (blocks.isEmpty()) {
            throw new AssertionError(page + ", section '" + heading + "', has no ```" + language + " block");
        }
        return blocks.get(0);
    }

    /** The first block of {@code language} after the first line of {@code page} that starts with {@code lead}. */
    public static String blockAfter(String page, String lead, String language) {
        String text = read(page);
        int at = text.indexOf("\n" + lead);
        if (at < 0) {
            throw new AssertionError(page + " has no line starting with '" + lead + "'");
        }
        List<String> blocks = blocks(text.substring(at), language);
        if (blocks.isEmpty()) {
            throw new AssertionError(page + " has no ```" + language + " block after '" + lead + "'");
        }
        return blocks.get(0);
    }

    /** The pages a user reads: README.md and every docs/*.md, as paths relative to the project root. */
    public static List<String> userPages() {
        List<String> pages = new ArrayList<>(List.of("README.md"));
        try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
            docs.map(p -> "docs/" + p.getFileName()).filter(name -> name.endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    /**
     * One fenced code block of a page: its 1-based line, its info string ({@code yaml}, {@code bash}, or empty),
     * its text, and the HTML comment on the line just above its fence (e.g.
     * {@code <!-- tested-by: ReadmeJenkinsfileTest -->}), or an empty string.
     */
    public record Block(String page, int line, String info, String text, String marker) {
        @Override
        public String toString() {
            return page + " line " + line + " (```" + info + ")";
        }
    }

    /** Every fenced block of {@code page}, in order. */
    public static List<Block> fencedBlocks(String page) {
        List<String> lines = read(page).lines().toList();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("```")) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).startsWith("```")) {
                end++;
            }
            String above = i > 0 ? lines.get(i - 1).strip() : "";
            String marker = above.startsWith("<!--") && above.endsWith("-->") ? above : "";
            blocks.add(new Block(page, i + 1, lines.get(i).substring(3).strip(),
                    String.join("\n", lines.subList(i + 1, Math.min(end, lines.size()))) + "\n", marker));
            i = end;
        }
        return blocks;
    }

    private static int headingLevel(String line) {
        int level = 0;
        while (level < line.length() && line.charAt(level) == '#') {
            level++;
        }
        return level > 0 && level <= 6 && line.length() > level && line.charAt(level) == ' ' ? level : 0;
    }
}
