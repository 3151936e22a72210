package io.jenkins.plugins.grayrelease.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading the engine's tester route back from the cluster: the regex text there is input from
 * whoever may edit the VirtualService, so it is matched with RE2 (linear time), never with a
 * backtracking engine. A cookie condition written by the engine reads back as the cookie.
 */
class TesterRoutesReadTest {

    private static ObjectNode routeWithRegex(String header, String regex) {
        ObjectNode route = JsonNodeFactory.instance.objectNode();
        route.putArray("match").addObject().putObject("headers").putObject(header).put("regex", regex);
        return route;
    }

    @Test
    void theEnginesCookieConditionReadsBackAsTheCookie() {
        List<TesterMatch> read = TesterRoutes.read(routeWithRegex("cookie", "^(.*?;\\s*)?(canary=yes\\.please)(;.*)?$"));

        assertThat(read).containsExactly(TesterMatch.cookie("canary", "yes.please"));
    }

    @Test
    void aHugeHostileRegexOnTheClusterIsReadAsAPlainRegexCondition() {
        // Backtracking engines take quadratic time on this shape: every '=' is a split to try.
        String hostile = "^(.*?;\\s*)?(" + "a=".repeat(100_000) + "x";

        List<TesterMatch> read = TesterRoutes.read(routeWithRegex("cookie", hostile));

        assertThat(read).containsExactly(TesterMatch.headerRegex("cookie", hostile));
    }
}
