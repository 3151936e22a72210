package io.jenkins.plugins.grayrelease.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.cli.demo.DemoWalk;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKubeconfig;
import io.jenkins.plugins.grayrelease.sandbox.SandboxObjects;
import io.jenkins.plugins.grayrelease.sandbox.SandboxServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code grayctl demo}: a whole release on a sandbox API server inside this process, no cluster
 * needed. The global connection options do not apply; {@code --keep} hands out a kubeconfig so
 * that the other commands can be tried against the sandbox.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Walk a whole release (testers, 10 %%, approval, 50 %%, promote) on an embedded sandbox API server "
                + "holding a sample application, as a bundled rollout plan, showing the routes and a simulated split after "
                + "each step.")
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--yes", description = "Approve the approval step without asking.")
    boolean yes;

    @Option(names = "--keep", description = "Keep the sandbox running afterwards and print a kubeconfig for it; stop with Ctrl-C.")
    boolean keep;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "4000",
            description = "Simulated requests per step. Default: ${DEFAULT-VALUE}.")
    int requests;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "7",
            description = "Seed of the simulated traffic; the same seed gives the same split. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
        if (requests < 1) {
            throw new UsageException(spec.commandLine(), "--requests " + requests + " is not a positive number",
                    "Give 1 or more, e.g. --requests 4000");
        }
        Terminal terminal = root.terminal();
        Progress progress = new Progress(terminal.err());
        long started = System.nanoTime();
        boolean interrupted = false;
        RolloutResult result;
        // Reading the sample's model classes takes about as long as starting the server: overlap them.
        CompletableFuture<List<HasMetadata>> sample = CompletableFuture.supplyAsync(SampleApplication::objects);
        try (SandboxServer sandbox = SandboxServer.start(); KubernetesClient client = sandbox.newClient()) {
            progress.step("sandbox API server started at " + sandbox.url());
            SandboxObjects.create(client, SampleApplication.NAMESPACE, sample.join());
            progress.step("installed the sample application in namespace " + SampleApplication.NAMESPACE
                    + ": Service, Deployments reviews-v1 and reviews-v2, DestinationRule and VirtualService reviews");
            Actor actor = Actor.currentUser("grayctl demo");
            GrayRelease engine = new GrayRelease(client, actor);
            result = new DemoWalk(engine, sandbox.url(), terminal, root.output(), yes, actor.user(), requests, seed).run();
            progress.step(String.format("demo finished in %.1f s", (System.nanoTime() - started) / 1e9));
            if (keep) {
                interrupted = !keepRunning(sandbox, terminal);
            }
        }
        if (interrupted) {
            // Restored only now: closing the sandbox with the flag set would fail.
            Thread.currentThread().interrupt();
        }
        return RolloutCommand.exitCode(result.outcome());
    }

    /**
     * Blocks until Ctrl-C (which ends the JVM) or, in-process, until the thread is interrupted.
     *
     * @return false when interrupted
     */
    private boolean keepRunning(SandboxServer sandbox, Terminal terminal) {
        Path kubeconfig = SandboxKubeconfig.writeTemporary(sandbox.url(), SampleApplication.NAMESPACE);
        // Keep stdout a single document when it is JSON or YAML.
        PrintWriter out = root.output() == OutputFormat.TABLE ? terminal.out() : terminal.err();
        out.println();
        out.println("The sandbox keeps running. Its kubeconfig: " + kubeconfig);
        out.println("Try, in another shell:");
        out.println("  ./grayctl --kubeconfig " + kubeconfig + " status reviews");
        out.println("  ./grayctl --kubeconfig " + kubeconfig + " deploy reviews --image example/reviews:3 --version v3");
        out.println("  ./grayctl --kubeconfig " + kubeconfig + " weight reviews 20 --canary v3 --add-canary-subset");
        out.println("Stop it with Ctrl-C.");
        out.flush();
        try {
            new CountDownLatch(1).await();
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
