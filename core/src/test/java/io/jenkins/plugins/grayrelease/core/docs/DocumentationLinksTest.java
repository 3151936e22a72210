package io.jenkins.plugins.grayrelease.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** README.md and docs/*.md: every page can be reached, every link and anchor leads somewhere, no branch talk. */
class DocumentationLinksTest {

    /** Words of a branch or a migration, which belong in CHANGELOG.md or a commit message, not in a user's page. */
    static final List<Pattern> BRANCH_WORDS = List.of(Pattern.compile("\\(ours\\)"), Pattern.compile("(?i)this branch"),
            Pattern.compile("(?i)issue note"), Pattern.compile("(?i)changed keys"), Pattern.compile("(?i)branch's base"),
            Pattern.compile("(?i)\\bmain at `?[0-9a-f]{7,40}"));

    @Test
    void everyDocsPageIsLinkedFromTheReadmeOrTheIndex() {
        Set<Path> linked = new HashSet<>();
        for (String page : List.of("README.md", "docs/README.md")) {
            for (MarkdownLinks.Link link : MarkdownLinks.links(DocPages.read(page))) {
                if (!isExternal(link.target()) && !link.target().startsWith("#")) {
                    linked.add(resolve(page, link.target()));
                }
            }
        }

        assertThat(DocPages.userPages()).filteredOn(page -> !page.equals("README.md"))
                .as("docs pages linked from README.md or docs/README.md")
                .allSatisfy(page -> assertThat(linked).contains(DocPages.root().resolve(page).normalize()));
    }

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        List<String> broken = new ArrayList<>();
        for (String page : DocPages.userPages()) {
            broken.addAll(brokenLinks(page, DocPages.read(page)));
        }

        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    void everyDocsPageAMessageOrHelpTextNamesExists() throws IOException {
        Pattern named = Pattern.compile("docs/[\\w-]+\\.md");
        List<String> missing = new ArrayList<>();
        for (String module : List.of("sandbox", "core", "cli", "plugin")) {
            Path main = DocPages.root().resolve(module).resolve("src/main");
            if (!Files.isDirectory(main)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(main)) {
                for (Path file : files.filter(f -> f.toString().matches(".*\\.(java|html|jelly|properties|yaml|md)$")).toList()) {
                    Matcher m = named.matcher(Files.readString(file));
                    while (m.find()) {
                        if (!Files.isRegularFile(DocPages.root().resolve(m.group()))) {
                            missing.add(DocPages.root().relativize(file) + ": " + m.group());
                        }
                    }
                }
            }
        }

        assertThat(missing).as("pages named in messages and help texts that do not exist").isEmpty();
    }

    @Test
    void aLinkToAMissingPageOrHeadingIsReported() {
        String page = "# Title\n\n## Steps\n\nSee [steps](#steps), [gone](#nowhere), [plans](plans.md#approvals),"
                + " [missing](missing.md) and `[code](not-a-link.md)`.\n```text\n[in a block](nothing.md)\n```\n";

        assertThat(brokenLinks("docs/example.md", page)).containsExactly(
                "docs/example.md line 5: #nowhere (no such heading)",
                "docs/example.md line 5: missing.md (no such file)");
    }

    @Test
    void anchorsFollowGitHubsRules() {
        String page = "# Gray Release\n## Exit codes of `grayctl rollout`\n## Istio's validation and weights\n"
                + "## Comparing the canary with the stable (`compare`, the judge)\n## Steps\n## Steps\n";

        assertThat(MarkdownLinks.anchors(page)).containsExactly("gray-release", "exit-codes-of-grayctl-rollout",
                "istios-validation-and-weights", "comparing-the-canary-with-the-stable-compare-the-judge", "steps", "steps-1");
    }

    @Test
    void noUserPageCarriesBranchOrMigrationText() {
        List<String> found = new ArrayList<>();
        for (String page : DocPages.userPages()) {
            found.addAll(branchWords(page, DocPages.read(page)));
        }

        assertThat(found).as("branch or migration text (it belongs in CHANGELOG.md)").isEmpty();
        assertThat(branchWords("README.md", "Before is main at `db88baa` (this branch's base), after is this branch."))
                .as("the check itself").hasSize(3);
    }

    private static List<String> branchWords(String page, String text) {
        List<String> found = new ArrayList<>();
        for (Pattern words : BRANCH_WORDS) {
            if (words.matcher(text).find()) {
                found.add(page + ": " + words.pattern());
            }
        }
        return found;
    }

    private static List<String> brokenLinks(String page, String text) {
        List<String> broken = new ArrayList<>();
        for (MarkdownLinks.Link link : MarkdownLinks.links(text)) {
            String target = link.target();
            if (isExternal(target)) {
                continue;
            }
            int hash = target.indexOf('#');
            String file = hash < 0 ? target : target.substring(0, hash);
            String anchor = hash < 0 ? null : target.substring(hash + 1);
            String where = page + " line " + link.line() + ": " + target;
            Path resolved = file.isEmpty() ? null : resolve(page, file);
            if (resolved != null && !Files.exists(resolved)) {
                broken.add(where + " (no such file)");
            } else if (anchor != null) {
                String linkedText = resolved == null ? text : DocPages.read(DocPages.root().relativize(resolved).toString());
                if (!MarkdownLinks.anchors(linkedText).contains(anchor)) {
                    broken.add(where + " (no such heading)");
                }
            }
        }
        return broken;
    }

    private static Path resolve(String page, String relative) {
        return DocPages.root().resolve(page).getParent().resolve(relative).normalize();
    }

    private static boolean isExternal(String target) {
        return target.matches("^[a-z][a-z0-9+.-]*:.*");
    }
}
