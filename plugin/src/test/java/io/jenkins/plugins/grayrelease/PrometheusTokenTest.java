package io.jenkins.plugins.grayrelease;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.sun.net.httpserver.HttpServer;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.grayrelease.config.GrayReleaseGlobalConfiguration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The configured Prometheus token goes to the configured Prometheus only, never to an address a plan names. */
@WithJenkins
class PrometheusTokenTest {

    private static final String PROMETHEUS_TOKEN = "configured-prometheus-token";
    private static final String ANSWER = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
            + "\"result\":[{\"metric\":{},\"value\":[1,\"1\"]}]}}";

    @RegisterExtension
    final MockCluster cluster = MockCluster.sampleApp();
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopPrometheus() {
        servers.forEach(s -> s.stop(0));
    }

    /** A loopback Prometheus that answers every query with 1 and records each Authorization header (or "none"). */
    private String prometheus(List<String> authorizations) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "none" : auth);
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void configurePrometheus(JenkinsRule r, String url) throws Exception {
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "prom", "prometheus", Secret.fromString(PROMETHEUS_TOKEN)));
        GrayReleaseGlobalConfiguration.get().setPrometheusUrl(url);
        GrayReleaseGlobalConfiguration.get().setPrometheusCredentialsId("prom");
    }

    private WorkflowRun rollout(JenkinsRule r, String prometheusSection) throws Exception {
        WorkflowJob p = ReleaseJenkins.sampleJob(r, cluster, "measured", "  grayRollout(plan: '''\n"
                + "name: measured\n"
                + prometheusSection
                + "steps:\n"
                + "  - setWeight: 10\n"
                + "  - analysis:\n"
                + "      interval: 1s\n"
                + "      count: 1\n"
                + "      metrics:\n"
                + "        - name: up\n"
                + "          query: up\n"
                + "          min: 0\n"
                + "''')\n");
        return p.scheduleBuild2(0).get();
    }

    @Test
    void aPlanWithoutItsOwnPrometheusGetsTheConfiguredOneWithItsToken(JenkinsRule r) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        configurePrometheus(r, prometheus(seen));

        WorkflowRun b = rollout(r, "");

        r.assertBuildStatusSuccess(b);
        assertThat(seen).isNotEmpty().containsOnly("Bearer " + PROMETHEUS_TOKEN);
        r.assertLogNotContains(PROMETHEUS_TOKEN, b);
    }

    @Test
    void aPlanNamingItsOwnPrometheusCannotHaveTheConfiguredTokenSentThere(JenkinsRule r) throws Exception {
        configurePrometheus(r, prometheus(new CopyOnWriteArrayList<>()));
        List<String> attacker = new CopyOnWriteArrayList<>();
        String elsewhere = prometheus(attacker);

        // The variable earlier versions put the configured token in, named by a plan that sends it elsewhere.
        WorkflowRun b = rollout(r, "prometheus:\n  url: " + elsewhere + "\n  bearerTokenEnv: GRAY_RELEASE_CONFIGURED_PROMETHEUS_TOKEN\n");

        r.assertBuildStatus(Result.FAILURE, b);
        r.assertLogContains("environment variable GRAY_RELEASE_CONFIGURED_PROMETHEUS_TOKEN is not set", b);
        assertThat(attacker).doesNotContain("Bearer " + PROMETHEUS_TOKEN);
    }

    @Test
    void aPlansOwnPrometheusAddressIsQueriedWithoutTheConfiguredToken(JenkinsRule r) throws Exception {
        configurePrometheus(r, prometheus(new CopyOnWriteArrayList<>()));
        List<String> other = new CopyOnWriteArrayList<>();

        r.assertBuildStatusSuccess(rollout(r, "prometheus:\n  url: " + prometheus(other) + "\n"));

        assertThat(other).isNotEmpty().containsOnly("none");
    }
}
