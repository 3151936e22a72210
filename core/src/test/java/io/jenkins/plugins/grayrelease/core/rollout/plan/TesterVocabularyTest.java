package io.jenkins.plugins.grayrelease.core.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jenkins.plugins.grayrelease.core.Destination;
import io.jenkins.plugins.grayrelease.core.ReleaseStatus;
import io.jenkins.plugins.grayrelease.core.RouteKind;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.errors.InvalidPlanException;
import io.jenkins.plugins.grayrelease.core.routing.TesterRoutes;
import io.jenkins.plugins.grayrelease.core.status.StatusDocument;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** One word per tester kind on every surface: what the status document writes, a plan reads back as it is. */
class TesterVocabularyTest {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final TesterRoute ALL_FOUR = TesterRoute.of(TesterMatch.header("end-user", "jason"),
            TesterMatch.headerPrefix("user-agent", "Beta/"), TesterMatch.headerRegex("x-tenant", "^qa-.*"),
            TesterMatch.cookie("canary", "always"));

    private static String planWithTesters(Object testers) throws Exception {
        return "target: {namespace: shop, service: reviews, stable: v1, canary: v2}\n"
                + "steps:\n  - testers: " + YAML.writeValueAsString(testers).replace("---", "").replace("\n", "\n      ")
                + "\n  - setWeight: 10\n";
    }

    private static ReleaseStatus statusWith(TesterRoute testers) {
        return new ReleaseStatus("shop", "reviews", RouteKind.VIRTUAL_SERVICE, "reviews", "primary",
                Destination.subset("reviews", "v1"), Destination.subset("reviews", "v2"), WeightSplit.canary(10),
                testers.matches(), 0, null, null, List.of(), "1");
    }

    private static TesterRoute testersOf(String plan) {
        return ((TestersStep) new PlanParser().parse(plan, "plan.yaml").steps().get(0)).toTesterRoute();
    }

    @Test
    void statusTestersGivenBackAsAPlansTestersMakeTheSameTesterRoute() throws Exception {
        JsonNode managed = YAML.readTree("route: [{destination: {host: reviews, subset: v1}, weight: 100}]");
        var doc = StatusDocument.of(statusWith(ALL_FOUR));

        TesterRoute again = testersOf(planWithTesters(doc.get("testers")));

        assertThat(again).isEqualTo(ALL_FOUR);
        Destination v2 = Destination.subset("reviews", "v2");
        assertThat(TesterRoutes.build("gray-testers", again, v2, managed, "shop"))
                .isEqualTo(TesterRoutes.build("gray-testers", ALL_FOUR, v2, managed, "shop"));
    }

    @Test
    void theStatusDocumentWritesTheSameWordsAsGrayctlsOptions() {
        var doc = StatusDocument.of(statusWith(ALL_FOUR));

        assertThat(((List<?>) doc.get("testers")).stream().map(e -> (Object) ((java.util.Map<?, ?>) e).get("kind")))
                .containsExactly("header", "header-prefix", "header-regex", "cookie");
    }

    @Test
    void aPlanInTheFormerMapFormStillReads() {
        TesterRoute route = testersOf("""
                target: {namespace: shop, service: reviews, stable: v1, canary: v2}
                steps:
                  - testers:
                      headers: {end-user: jason}
                      headerPrefixes: {user-agent: Beta/}
                      headerRegexes: {x-tenant: "^qa-.*"}
                      cookies: {canary: always}
                """);

        assertThat(route).isEqualTo(ALL_FOUR);
    }

    @Test
    void aPlanWithAnUnknownKindListsTheFourKinds() {
        assertThatThrownBy(() -> testersOf("""
                target: {namespace: shop, service: reviews, stable: v1, canary: v2}
                steps:
                  - testers: [{kind: header, name: a, value: b}, {kind: query, name: c, value: d}]
                """)).isInstanceOf(InvalidPlanException.class).hasMessageContaining("line 3")
                .hasMessageContaining("steps[0].testers: testers entry 2: unknown tester kind 'query'; use one of"
                        + " header, header-prefix, header-regex or cookie");
    }

    @Test
    void aTesterEntryWithAnUnknownFieldNamesTheAllowedOnes() {
        assertThatThrownBy(() -> testersOf("""
                target: {namespace: shop, service: reviews, stable: v1, canary: v2}
                steps:
                  - testers: [{kind: cookie, name: a, valeu: b}]
                """)).hasMessageContaining("testers entry 1: unknown field 'valeu'; allowed: kind, name, value");
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({
        "header, HEADER_EXACT", "header-prefix, HEADER_PREFIX", "header-regex, HEADER_REGEX", "cookie, COOKIE",
        // spellings from before one vocabulary: Jenkins' kind: and the status document's
        "prefix, HEADER_PREFIX", "regex, HEADER_REGEX", "header-exact, HEADER_EXACT", "' Header-Prefix ', HEADER_PREFIX"
    })
    void everySpellingReadsAsItsKindAndIsWrittenInTheOneWord(String text, TesterMatch.Kind kind) {
        assertThat(TesterMatch.Kind.parse(text)).isEqualTo(kind);
        assertThat(TesterMatch.Kind.parse(kind.word())).isEqualTo(kind);
    }
}
