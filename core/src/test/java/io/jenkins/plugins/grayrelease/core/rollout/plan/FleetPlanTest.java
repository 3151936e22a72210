package io.jenkins.plugins.grayrelease.core.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.grayrelease.core.errors.InvalidPlanException;
import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import org.assertj.core.api.AbstractStringAssert;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plans with {@code targets} and {@code waves}: docs/fleet.md's examples, and the errors a mistake gets. */
class FleetPlanTest {

    /** The sample release's target, which these plans' targets take what they leave out from. */
    private static final String SHOP_REVIEWS = "target: {namespace: shop, service: reviews, stable: v1, canary: v2}\n";

    private static List<String> docsYamlBlocks() {
        return DocPages.blocks(DocPages.read("docs/fleet.md"), "yaml");
    }

    /** The message of the error that {@code targetsAndWaves}, after the sample's target, must get. */
    private static AbstractStringAssert<?> assertRefusal(String targetsAndWaves) {
        Throwable thrown = catchThrowable(() -> parse(SHOP_REVIEWS + targetsAndWaves));
        assertThat(thrown).isInstanceOf(InvalidPlanException.class);
        return assertThat(thrown.getMessage());
    }

    private static RolloutPlan parse(String yaml) {
        return new PlanParser().parse(yaml, "plan.yaml");
    }

    @Test
    void theDocsWavePlanReleasesEuropeFirstThenBothUsClusters() {
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
    void theDocsTwoServicePlanIsOneWaveOfBothServices() {
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
        assertRefusal("""
                targets: [{cluster: eu-1}, {cluster: us-1}]
                waves:
                  - targets: [eu-1]
                    steps: [{setWeight: 10}]
                  - targets: [us-9]
                    steps: [{setWeight: 10}]
                """)
                .contains("waves[1].targets[0]")
                .contains("'us-9' names no target; the targets are eu-1/shop/reviews, us-1/shop/reviews");
    }

    @Test
    void aTargetInNoWaveIsAnError() {
        assertRefusal("""
                targets: [{cluster: eu-1}, {cluster: us-1}]
                waves:
                  - targets: [eu-1]
                    steps: [{setWeight: 10}]
                """)
                .contains("target us-1/shop/reviews is in no wave; add it to a wave");
    }

    @Test
    void aTargetInTwoWavesIsAnError() {
        assertRefusal("""
                targets: [{cluster: eu-1}]
                waves:
                  - {targets: [eu-1], steps: [{setWeight: 10}]}
                  - {targets: [eu-1/reviews], steps: [{setWeight: 50}]}
                """)
                .contains("target eu-1/shop/reviews is already in wave 1; a target moves in one wave");
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
        assertRefusal("""
                targets: [{cluster: eu-1}]
                steps: [{setWeight: 10}]
                waves:
                  - {targets: [eu-1], steps: [{setWeight: 10}]}
                """)
                .contains("a plan with 'waves' keeps its steps in the waves; move 'steps' into a wave");
    }

    @Test
    void anUnknownKeyInAWaveNamesTheWavesKeys() {
        assertRefusal("""
                targets: [{cluster: eu-1}]
                waves:
                  - {targets: [eu-1], step: [{setWeight: 10}]}
                """)
                .contains("unknown key 'step' in waves[0]; did you mean 'steps'?")
                .contains("name, steps, targets");
    }
}
