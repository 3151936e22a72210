package io.jenkins.plugins.grayrelease.core.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where {@code .ci/kube-binaries.sh} puts the real servers the {@code apiserver} tests use:
 * {@code $GRAY_RELEASE_CACHE} (default {@code ~/.cache/gray-release}) holding
 * {@code kube-api-test/k8s/<version>-linux-amd64/{kube-apiserver,etcd,kubectl}} in the layout
 * fabric8 kube-api-test reads offline, {@code istio/{istio-validate,customresourcedefinitions.gen.yaml}},
 * {@code gateway-api/standard-crds.yaml}, for the {@code istiod} tests {@code istio/{pilot-discovery,xds-client}} (tools/istiod),
 * and for the {@code workloads} tests {@code kube-controller-manager} and {@code kube-scheduler} next to the API server
 * and {@code kwok/kwok} (tools/kwok).
 */
public final class TestBinaries {

    /**
     * The {@code k8s.io/kubernetes} version that tools/kube/go.mod requires: the build script reads
     * the same line, so bumping Kubernetes is a one-line change there.
     */
    public static final String KUBERNETES_VERSION = KubernetesVersion.fromGoMod();
    public static final String CACHE_ENV = "GRAY_RELEASE_CACHE";
    static final String BUILD_COMMAND = "bash .ci/kube-binaries.sh";

    private final Path cache;

    TestBinaries(Path cache) {
        this.cache = cache;
    }

    /** The cache named by {@value #CACHE_ENV}, or {@code ~/.cache/gray-release}. */
    public static TestBinaries fromEnvironment() {
        String override = System.getenv(CACHE_ENV);
        Path cache = override != null && !override.isBlank()
                ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".cache", "gray-release");
        return new TestBinaries(cache);
    }

    /** The folder to use as kube-api-test's test directory (it holds {@code k8s/}). */
    public Path kubeApiTestDir() {
        return cache.resolve("kube-api-test");
    }

    public Path kubernetesBinaries() {
        return kubeApiTestDir().resolve("k8s").resolve(KUBERNETES_VERSION + "-linux-amd64");
    }

    public Path kubectl() {
        return kubernetesBinaries().resolve("kubectl");
    }

    public Path istioValidator() {
        return cache.resolve("istio").resolve("istio-validate");
    }

    public Path istioCrds() {
        return cache.resolve("istio").resolve("customresourcedefinitions.gen.yaml");
    }

    /** The Gateway API's standard-channel CRDs, from the module version Istio builds against. */
    public Path gatewayApiCrds() {
        return cache.resolve("gateway-api").resolve("standard-crds.yaml");
    }

    /** istiod ({@code pilot-discovery}) built from source by tools/istiod. */
    public Path istiod() {
        return cache.resolve("istio").resolve("pilot-discovery");
    }

    /** The proxyless gRPC xDS client and its backends (tools/istiod/xds-client). */
    public Path xdsClient() {
        return cache.resolve("istio").resolve("xds-client");
    }

    public Path kubeControllerManager() {
        return kubernetesBinaries().resolve("kube-controller-manager");
    }

    public Path kubeScheduler() {
        return kubernetesBinaries().resolve("kube-scheduler");
    }

    /** KWOK, the kubelet of the {@code workloads} tests' fake nodes (tools/kwok). */
    public Path kwok() {
        return cache.resolve("kwok").resolve("kwok");
    }

    /** Fails, naming every missing file and the command that builds them. */
    public TestBinaries requirePresent() {
        return require("a real kube-apiserver, etcd, kubectl, Istio's validator and the Gateway API CRDs", List.of(
                kubernetesBinaries().resolve("kube-apiserver"), kubernetesBinaries().resolve("etcd"), kubectl(),
                istioValidator(), istioCrds(), gatewayApiCrds()));
    }

    /** As {@link #requirePresent()}, for the istiod tests' istiod and proxyless gRPC client. */
    public TestBinaries requireIstiod() {
        return require("istiod (pilot-discovery) and the proxyless gRPC client", List.of(istiod(), xdsClient()));
    }

    /** As {@link #requirePresent()}, for the {@code workloads} tests' controller manager, scheduler and KWOK. */
    public TestBinaries requireWorkloads() {
        return require("kube-controller-manager, kube-scheduler and KWOK", List.of(kubeControllerManager(), kubeScheduler(), kwok()));
    }

    private TestBinaries require(String what, List<Path> required) {
        List<Path> missing = required.stream().filter(p -> !Files.isRegularFile(p)).toList();
        if (!missing.isEmpty()) {
            throw new MissingTestBinariesException("The integration tests need " + what + ", and these are missing: "
                    + missing.stream().map(Path::toString).collect(Collectors.joining(", "))
                    + ". Build them once with `" + BUILD_COMMAND + "` from the repository root (cache: " + cache
                    + ", set " + CACHE_ENV + " to use another folder).");
        }
        return this;
    }
}
