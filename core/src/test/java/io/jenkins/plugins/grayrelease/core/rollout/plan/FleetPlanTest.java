package io.jenkins.plugins.grayrelease.core.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.grayrelease.core.errors.InvalidPlanException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Plans with {@code targets} and {@code waves}: docs/fleet.md's examples, and the errors a mistake gets. */
class FleetPlanTest {

    private static List<String> docsYamlBlocks() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "fleet.md"), StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(page);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static RolloutPlan parse(String yaml) {
        return new PlanParser().parse(yaml, "plan.yaml");
    }

    @Test
    void theDocsWavePlanReleasesEuropeFirstThenBothUsClusters() throws IOException {
        RolloutPlan plan = new PlanParser().parse(docsYamlBlocks().get(0), "docs/fleet.md");

        PlanTargets fleet = plan.fleet();
        assertThat(fleet.targets()).extracting(PlanTargets.Target::id)
                .containsExactly("eu-1/shop/reviews", "us-1/shop/reviews", "us-2/shop/reviews");
        assertThat(fleet.waves()).extracting(PlanTargets.Wave::name).containsExactly("europe first", "americas");
        assertThat(fleet.waves().get(1).targets()).extracting(PlanTargets.Target::id)
                .containsExactly("us-1/shop/reviews", "us-2/shop/reviews");
        assertThat(fleet.waves().get(0).steps()).extracting(Step::kind).containsExactly("setWeight", "analysis", "approval");
        assertThat(fleet.targets().get(2).target().canary().subset()).isEqualTo("v2");
        assertThat(plan.analysesMetrics()).isTrue();
    }

    @Test
    void theDocsTwoServicePlanIsOneWaveOfBothServices() throws IOException {
        RolloutPlan plan = new PlanParser().parse(docsYamlBlocks().get(1), "docs/fleet.md");

        assertThat(plan.fleet().waves()).singleElement().satisfies(w -> {
            assertThat(w.targets()).extracting(PlanTargets.Target::id).containsExactly("eu-1/shop/frontend", "eu-1/shop/api");
            assertThat(w.steps()).hasSize(2);
        });
    }

    @Test
    void aTargetEntryNamingAnotherServiceDoesNotInheritTheDefaultsVirtualService() {
        RolloutPlan plan = parse("""
                target: {namespace: shop, service: reviews, virtualService: public-routes, stable: v1, canary: v2}
                targets:
                  - cluster: eu-1
                  - {cluster: eu-1, service: ratings}
                steps: [{setWeight: 10}]
                """);

        assertThat(plan.fleet().targets()).extracting(t -> t.target().virtualService()).containsExactly("public-routes", null);
    }

    @Test
    void aWaveNamingAnUnknownTargetIsAnErrorListingTheTargets() {
        assertThatThrownBy(() -> parse("""
                target: {namespace: shop, service: reviews, stable: v1, canary: v2}
                targets: [{cluster: eu-1}, {cluster: us-1}]
                waves:
                  - targets: [eu-1]
                    steps: [{setWeight: 10}]
                  - targets: [us-9]
                    steps: [{setWeight: 10}]
                """)).isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("waves[1].targets[0]")
                .hasMessageContaining("'us-9' names no target; the targets are eu-1/shop/reviews, us-1/shop/reviews");
    }

    @Test
    void aTargetInNoWaveIsAnError() {
        assertThatThrownBy(() -> parse("""
                target: {namespace: shop, service: reviews, stable: v1, canary: v2}
                targets: [{cluster: eu-1}, {cluster: us-1}]
                waves:
                  - targets: [eu-1]
                    steps: [{setWeight: 10}]
                """)).isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("target us-1/shop/reviews is in no wave; add it to a wave");
    }

    @Test
    void aTargetInTwoWavesIsAnError() {
        assertThatThrownBy(() -> parse("""
                target: {namespace: shop, service: reviews, stable: v1, canary: v2}
                targets: [{cluster: eu-1}]
                waves:
                  - {targets: [eu-1], steps: [{setWeight: 10}]}
                  - {targets: [eu-1/reviews], steps: [{setWeight: 50}]}
                """)).isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("target eu-1/shop/reviews is already in wave 1; a target moves in one wave");
    }

    @Test
    void anIncompleteTargetNamesItsEntryAndTheMissingField() {
        assertThatThrownBy(() -> parse("""
                targets:
                  - {cluster: eu-1, namespace: shop, service: reviews, stable: v1}
                steps: [{setWeight: 10}]
                """)).isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("targets[0].canary")
                .hasMessageContaining("'targets[0].canary' is required (or give it in the plan's 'target' for every target)");
    }

    @Test
    void stepsBesideWavesAreAnError() {
        assertThatThrownBy(() -> parse("""
                target: {namespace: shop, service: reviews, stable: v1, canary: v2}
                targets: [{cluster: eu-1}]
                steps: [{setWeight: 10}]
                waves:
                  - {targets: [eu-1], steps: [{setWeight: 10}]}
                """)).isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("a plan with 'waves' keeps its steps in the waves; move 'steps' into a wave");
    }

    @Test
    void anUnknownKeyInAWaveNamesTheWavesKeys() {
        assertThatThrownBy(() -> parse("""
                target: {namespace: shop, service: reviews, stable: v1, canary: v2}
                targets: [{cluster: eu-1}]
                waves:
                  - {targets: [eu-1], step: [{setWeight: 10}]}
                """)).isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("unknown key 'step' in waves[0]; did you mean 'steps'?")
                .hasMessageContaining("name, steps, targets");
    }
}
