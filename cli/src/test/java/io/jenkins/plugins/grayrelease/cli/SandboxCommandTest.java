package io.jenkins.plugins.grayrelease.cli;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Base of the tests that run grayctl commands in-process against one sandbox, a fresh sample namespace per test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SandboxCommandTest {

    SandboxNamespaces cluster;
    String namespace;
    Path kubeconfig;

    @TempDir
    Path dir;

    @BeforeAll
    void startSandbox() {
        cluster = new SandboxNamespaces();
    }

    @AfterAll
    void stopSandbox() {
        cluster.close();
    }

    @BeforeEach
    void installSample() {
        namespace = cluster.newSampleNamespace();
        kubeconfig = cluster.kubeconfig(dir, namespace);
    }

    CliRun grayctl(String... args) {
        return CliRun.run(cluster.args(kubeconfig, args));
    }

    List<HTTPRoute> routes() {
        return cluster.virtualService(namespace).getSpec().getHttp();
    }

    HTTPRoute route(String name) {
        return routes().stream().filter(r -> name.equals(r.getName())).findFirst().orElseThrow();
    }

    List<String> routeNames() {
        return routes().stream().map(HTTPRoute::getName).toList();
    }

    /** The managed route's destinations as {@code subset=weight}. */
    List<String> primaryWeights() {
        return route("primary").getRoute().stream().map(d -> d.getDestination().getSubset() + "=" + d.getWeight()).toList();
    }
}
