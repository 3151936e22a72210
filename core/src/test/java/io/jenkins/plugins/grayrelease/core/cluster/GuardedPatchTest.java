package io.jenkins.plugins.grayrelease.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import org.junit.jupiter.api.Test;

class GuardedPatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode vs(String annotations, String... routes) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"metadata":{"name":"shop","resourceVersion":"7"%s},"spec":{"hosts":["shop"],"http":[%s]}}"""
                .formatted(annotations.isEmpty() ? "" : ",\"annotations\":{" + annotations + "}", String.join(",", routes)));
    }

    private static String route(String name, int canary) {
        return """
                {"name":"%s","route":[{"destination":{"host":"shop","subset":"v1"},"weight":%d},
                 {"destination":{"host":"shop","subset":"v2"},"weight":%d}]}""".formatted(name, 100 - canary, canary);
    }

    private static final String RECORD = "\"grayrelease.jenkins.io/state.b\":\"{}\"";
    private static final String NEW_RECORD = "\"grayrelease.jenkins.io/state.b\":\"{\\\"weight\\\":20}\"";

    @Test
    void weightShiftTestsTheManagedRouteAndTheRecordItReplaces() throws Exception {
        ObjectNode before = vs(RECORD, route("a", 0), route("b", 10), route("c", 0));
        ObjectNode after = vs(NEW_RECORD, route("a", 0), route("b", 20), route("c", 0));

        ArrayNode patch = GuardedPatch.routeScoped(before, after, 1);

        assertThat(patch.get(0)).isEqualTo(JSON.readTree("{\"op\":\"test\",\"path\":\"/spec/http/1\",\"value\":" + route("b", 10) + "}"));
        assertThat(patch.get(1).path("op").asText()).isEqualTo("test");
        assertThat(patch.get(1).path("path").asText()).isEqualTo("/metadata/annotations/grayrelease.jenkins.io~1state.b");
        assertThat(patch.toString()).doesNotContain("resourceVersion").doesNotContain("\"a\"").doesNotContain("\"c\"");
        assertThat(JsonPatch.apply(patch, before)).as("applies to what was read").isEqualTo(after);
        assertThat(GuardedPatch.testsHold(patch, before)).isTrue();
    }

    @Test
    void anotherRouteChangedStillApplies() throws Exception {
        ObjectNode before = vs(RECORD, route("a", 0), route("b", 10));
        ObjectNode after = vs(NEW_RECORD, route("a", 0), route("b", 20));
        ObjectNode meanwhile = vs(RECORD + ",\"other\":\"x\"", route("a", 50), route("b", 10));

        ArrayNode patch = GuardedPatch.routeScoped(before, after, 1);

        assertThat(GuardedPatch.testsHold(patch, meanwhile)).isTrue();
        JsonNode stored = JsonPatch.apply(patch, meanwhile);
        assertThat(stored.at("/spec/http/0/route/1/weight").asInt()).as("the other writer's weight").isEqualTo(50);
        assertThat(stored.at("/spec/http/1/route/1/weight").asInt()).isEqualTo(20);
        assertThat(stored.at("/metadata/annotations/other").asText()).isEqualTo("x");
    }

    @Test
    void sameRouteChangedOrRouteInsertedBeforeItFailsTheGuard() throws Exception {
        ObjectNode before = vs(RECORD, route("a", 0), route("b", 10));
        ObjectNode after = vs(NEW_RECORD, route("a", 0), route("b", 20));
        ArrayNode patch = GuardedPatch.routeScoped(before, after, 1);

        assertThat(GuardedPatch.testsHold(patch, vs(RECORD, route("a", 0), route("b", 15)))).isFalse();
        assertThat(GuardedPatch.testsHold(patch, vs(RECORD, route("new", 0), route("a", 0), route("b", 10)))).isFalse();
        assertThat(GuardedPatch.testsHold(patch, vs(NEW_RECORD, route("a", 0), route("b", 10)))).as("record changed").isFalse();
    }

    @Test
    void insertionBeforeTheManagedRouteTestsTheRouteItGoesBefore() throws Exception {
        ObjectNode before = vs(RECORD, route("a", 0), route("b", 10));
        ObjectNode after = vs(NEW_RECORD, route("a", 0), route("gray-testers-b", 100), route("b", 10));

        ArrayNode patch = GuardedPatch.routeScoped(before, after, 1);

        assertThat(patch.get(0).path("path").asText()).isEqualTo("/spec/http/1");
        assertThat(patch.toString()).contains("{\"op\":\"add\",\"path\":\"/spec/http/1\"");
        assertThat(JsonPatch.apply(patch, before)).isEqualTo(after);
    }

    @Test
    void aNewAnnotationIsTestedAbsentWithNull() throws Exception {
        ObjectNode noAnnotations = vs("", route("a", 0), route("b", 10));
        ObjectNode otherAnnotation = vs("\"x\":\"y\"", route("a", 0), route("b", 10));

        ArrayNode firstMap = GuardedPatch.routeScoped(noAnnotations, vs(NEW_RECORD, route("a", 0), route("b", 20)), 1);
        ArrayNode firstRecord = GuardedPatch.routeScoped(otherAnnotation, vs("\"x\":\"y\"," + NEW_RECORD, route("a", 0), route("b", 20)), 1);

        assertThat(firstMap.toString()).contains("{\"op\":\"test\",\"path\":\"/metadata/annotations\",\"value\":null}");
        assertThat(firstRecord.toString()).contains("{\"op\":\"test\",\"path\":\"/metadata/annotations/grayrelease.jenkins.io~1state.b\",\"value\":null}");
        assertThat(GuardedPatch.testsAbsence(firstRecord)).isTrue();
        assertThat(GuardedPatch.testsHold(firstRecord, otherAnnotation)).isTrue();
        assertThat(GuardedPatch.testsHold(firstRecord, vs("\"x\":\"y\"," + RECORD, route("a", 0), route("b", 10))))
                .as("someone recorded first").isFalse();
    }

    @Test
    void aManagedRouteFoundByTheDefaultRuleIsGuardedByTheResourceVersion() throws Exception {
        ArrayNode unknownRoute = GuardedPatch.routeScoped(vs(RECORD, route("b", 10)), vs(NEW_RECORD, route("b", 20)), -1);

        assertThat(unknownRoute.get(0).path("path").asText()).isEqualTo("/metadata/resourceVersion");
        assertThat(GuardedPatch.isRouteScoped(unknownRoute)).isFalse();
    }

    @Test
    void nothingChangedIsAnEmptyPatch() throws Exception {
        ObjectNode same = vs(RECORD, route("a", 0), route("b", 10));
        assertThat(GuardedPatch.routeScoped(same, same.deepCopy(), 1)).isEmpty();
        assertThat(GuardedPatch.routeDiff(same, same.deepCopy())).isEmpty();
    }
}
