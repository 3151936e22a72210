package io.jenkins.plugins.grayrelease.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The JSON mapper of grayctl's cluster client, with the readers of what every cluster command reads
 * first (the route as a generic resource, the namespace's Deployments) built on a background thread
 * from the start of the process. Jackson builds a reader by introspecting the whole model graph (a
 * Deployment's pod template is well over a hundred classes): measured as the biggest single cost of
 * {@code status} and {@code weight} after the JVM's own start. Built here, it overlaps the command
 * line, kubeconfig and TLS set-up of the main thread instead of following them; the mapper is safe to
 * use while it is warming (Jackson builds each reader once, under its own lock).
 */
final class JsonReadersWarmup {

    /** Commands that read no cluster through this client: no warm-up (the demo runs its own sandbox). */
    private static final List<String> NOT_CLUSTER = List.of("-h", "--help", "-V", "--version", "demo", "help");

    private static final CompletableFuture<KubernetesSerialization> SERIALIZATION = new CompletableFuture<>();
    private static volatile boolean started;

    private JsonReadersWarmup() {
    }

    /** Starts the warm-up unless {@code args} ask for help, the version or the demo. */
    static void startFor(String... args) {
        if (List.of(args).stream().anyMatch(NOT_CLUSTER::contains)) {
            return;
        }
        started = true;
        Thread warmup = new Thread(JsonReadersWarmup::warm, "grayctl-json-warmup");
        warmup.setDaemon(true); // never keeps the process alive: a command that ends first just ends
        warmup.start();
    }

    /**
     * The mapper for the cluster client: the warmed one once its construction is done (the readers may
     * still be in progress), a new one when no warm-up was started (tests, the demo).
     */
    static KubernetesSerialization serialization() {
        return started ? SERIALIZATION.join() : new KubernetesSerialization();
    }

    private static void warm() {
        try {
            ObjectMapper mapper = new ObjectMapper();
            SERIALIZATION.complete(new KubernetesSerialization(mapper, true));
            // readerFor builds (and caches in the mapper) the root reader of each type eagerly.
            mapper.readerFor(GenericKubernetesResource.class);
            mapper.readerFor(DeploymentList.class);
        } catch (RuntimeException | LinkageError e) {
            // Only a head start: whatever failed here fails again, and is reported, where the command reads.
            SERIALIZATION.complete(new KubernetesSerialization());
        }
    }
}
