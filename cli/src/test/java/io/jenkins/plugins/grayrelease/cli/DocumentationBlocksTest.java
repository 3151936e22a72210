package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every code block of README.md and docs/*.md — what users copy — is exercised by a test, and is right. */
class DocumentationBlocksTest {

    private final DocBlockChecks checks = new DocBlockChecks();

    @Test
    void everyDocumentedCodeBlockIsExercisedAndRight() {
        List<String> unexercised = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int blocks = 0;
        for (String page : DocPages.userPages()) {
            for (DocPages.Block block : DocPages.fencedBlocks(page)) {
                DocBlockChecks.Verdict verdict = checks.check(block);
                if (!verdict.exercised()) {
                    unexercised.add(block.toString());
                }
                problems.addAll(verdict.problems());
                blocks++;
            }
        }

        assertThat(blocks).as("code blocks found").isGreaterThan(20);
        assertThat(unexercised).as("blocks no test exercises (name one above the block: <!-- tested-by: Class -->)").isEmpty();
        assertThat(problems).as("documented blocks that are wrong").isEmpty();
    }

    @Test
    void aBlockOfOutputThatNoTestNamesIsNotExercised() {
        DocBlockChecks.Verdict verdict = checks.check(block("text", "", "PHASE           PROMOTED\n"));

        assertThat(verdict.exercised()).isFalse();
    }

    @Test
    void aGrayctlLineWithAnUnknownCommandOrOptionIsWrong() {
        assertThat(checks.check(block("bash", "", "./grayctl -n shop weight reviews 10 --canry v2\n")).problems())
                .singleElement().asString().endsWith("grayctl weight has no option --canry");
        assertThat(checks.grayctlProblem(List.of("--context", "prod", "wieght", "reviews", "10")))
                .isEqualTo("grayctl has no command 'wieght'");
        assertThat(checks.grayctlProblem(List.of("-n", "shop", "promote", "reviews", "--scale-down-delay=30s", "--dry-run"))).isNull();
    }

    @Test
    void aPlanThePlanParserRefusesIsWrong() {
        DocBlockChecks.Verdict verdict = checks.check(block("yaml", "", "  - setWeight: 120\n"));

        assertThat(verdict.exercised()).isTrue();
        assertThat(verdict.problems()).singleElement().asString().contains("not a valid rollout plan").contains("setWeight");
    }

    @Test
    void aMarkerMustNameATestThatReadsThePageOrAssertsTheText() {
        assertThat(checks.check(block("groovy", "<!-- tested-by: NoSuchTest -->", "grayRelease weight: 10\n")).problems())
                .anySatisfy(problem -> assertThat(problem).contains("tested-by names NoSuchTest, and no such class exists"));
        assertThat(checks.check(block("groovy", "<!-- tested-by: DemoCommandTest -->", "grayRelease weight: 10\n")).problems())
                .singleElement().asString().contains("none of [DemoCommandTest] reads \"docs/example.md\"");
        assertThat(checks.check(block("text", "<!-- shown-by: DemoCommandTest -->", "nothing it asserts\n")).problems())
                .singleElement().asString().contains("none of [DemoCommandTest] asserts any text this block shows");
    }

    @Test
    void stringLiteralsAreReadLikeJavaReadsThem() {
        String source = "char q = '\"'; // a \"comment\"\nassertThat(x).contains(\"say \\\"hi\\\"\", \"a\\nb\");\n";

        assertThat(DocBlockChecks.stringLiterals(source)).containsExactly("say \"hi\"", "a\nb");
    }

    private static DocPages.Block block(String info, String marker, String text) {
        return new DocPages.Block("docs/example.md", 1, info, text, marker);
    }
}
