package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The testers {@code status -o json} prints are given back as they are, as options ({@code --KIND
 * NAME=VALUE}) or as a plan's {@code testers}, and the tester route comes out the same.
 */
class TestersGivenBackTest extends SandboxCommandTest {

    private JsonNode printed;
    private List<HTTPRoute> before;

    @BeforeEach
    void placeTestersOfEveryKind() {
        CliRun set = grayctl("testers", "reviews", "--stable", "v1", "--canary", "v2", "--header", "end-user=jason",
                "--header-prefix", "user-agent=Beta/", "--header-regex", "x-tenant=^qa-.*", "--cookie", "canary=always");
        assertThat(set.exitCode()).as(set.toString()).isZero();
        CliRun status = grayctl("status", "reviews", "-o", "json");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        printed = status.json().get("testers");
        before = routes();
        assertThat(grayctl("testers", "reviews", "--remove").exitCode()).isZero();
        assertThat(routes()).isNotEqualTo(before);
    }

    @Test
    void statusTestersGivenBackAsOptionsMakeTheSameRoute() {
        List<String> args = new ArrayList<>(List.of("testers", "reviews"));
        printed.forEach(t -> args.addAll(List.of("--" + t.get("kind").asText(), t.get("name").asText() + "=" + t.get("value").asText())));

        CliRun run = grayctl(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(routes()).isEqualTo(before);
    }

    @Test
    void statusTestersGivenBackAsAPlansTestersMakeTheSameRoute() throws IOException {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), """
                name: given-back
                target: {namespace: %s, service: reviews, stable: v1, canary: v2}
                steps:
                  - testers: %s
                  - approval: {}
                """.formatted(namespace, printed));

        CliRun run = CliRun.runWithInput("abort\n", cluster.args(kubeconfig, "rollout", "-f", plan.toString()));

        assertThat(run.err()).as(run.toString()).contains("decision: abort");
        assertThat(routes()).isEqualTo(before);
    }
}
