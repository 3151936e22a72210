package io.jenkins.plugins.grayrelease.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(UnifiedDiff.of("x", "a\nb\n", "a\nb\n")).isEmpty();
    }

    @Test
    void changedLineIsShownWithContextAndLineNumbers() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        String after = "1\n2\n3\n4\n5\nsix\n7\n8\n9\n10\n";
        assertThat(UnifiedDiff.of("vs", before, after)).isEqualTo("""
                --- vs (current)
                +++ vs (planned)
                @@ -3,7 +3,7 @@
                 3
                 4
                 5
                -6
                +six
                 7
                 8
                 9
                """);
    }

    @Test
    void distantChangesGetTwoHunks() {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            before.append(i).append('\n');
        }
        String after = before.toString().replace("\n2\n", "\ntwo\n").replace("\n19\n", "\n19\nnew\n");
        String diff = UnifiedDiff.of("vs", before.toString(), after);
        assertThat(diff).contains("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n").contains("@@ -17,4 +17,5 @@\n 17\n 18\n 19\n+new\n 20\n");
    }
}
