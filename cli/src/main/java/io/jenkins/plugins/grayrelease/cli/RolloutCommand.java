package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.cli.output.ResultPrinter;
import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusEndpoint;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutNarration;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutResult;
import io.jenkins.plugins.grayrelease.core.rollout.RolloutRunner;
import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code grayctl rollout -f PLAN.yaml [--resume ID]}: runs a rollout plan through the engine, or
 * resumes the run {@code ID} from the step recorded on the VirtualService (only that run, with the
 * same plan and canary pod template, skips the approvals it was given). Progress, analysis values
 * and approval questions go to stderr; the final status to stdout in the chosen format. Approvals
 * are answered on the terminal or, from any shell, with {@code grayctl decide}. Ctrl-C or SIGTERM
 * stops at the next wait, records the release as aborted at that step, leaves traffic as it is,
 * prints the final status and exits with 130 or 143.
 */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = "Run (or resume) a rollout plan: weights, pauses, approvals, Prometheus analysis; "
                + "a failed analysis rolls back by itself.%n"
                + "Exit codes: 0 promoted, 1 failed or cancelled, 2 invalid plan (nothing written), "
                + "3 rolled back by analysis, 4 approval rejected, aborted or timed out, "
                + "5 rolled back or aborted by someone else meanwhile, 130/143 stopped by Ctrl-C/SIGTERM (final status printed).")
final class RolloutCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for the runner to record where it stopped. */
    private static final long CANCEL_GRACE_SECONDS = 30;

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "PLAN.yaml",
            description = "The rollout plan (see docs/plans.md).")
    Path file;

    @Option(names = "--yes", description = "Answer every approval with promote, without asking.")
    boolean yes;

    @Option(names = "--resume", paramLabel = "ID",
            description = "Continue the run ID (printed when it started) from the step recorded on the cluster; its approvals are"
                    + " not asked again unless the plan or the canary's pod template changed.")
    String resume;

    @Option(names = "--prometheus-url", paramLabel = "URL",
            description = "Query this Prometheus instead of the plan's prometheus.url (e.g. through kubectl port-forward).")
    String prometheusUrl;

    @Override
    public Integer call() {
        if (resume != null && resume.isBlank()) {
            throw new UsageException(spec.commandLine(), "--resume needs the run's id", "Give the id the run printed when it started");
        }
        RolloutPlan plan = new PlanParser().parse(file);
        if (plan.isFleet()) {
            if (root.contexts.size() > 0) {
                throw new UsageException(spec.commandLine(), "--context with a plan that names its targets' clusters",
                        "Drop --context: each entry of the plan's 'targets' names its cluster (a kubeconfig context)");
            }
            return new FleetRollout(root, yes).run(plan, resume == null ? null : resume.trim(),
                    prometheusUrl == null ? null : prometheusEndpoint(plan), file.toString());
        }
        if (root.namespace != null && !root.namespace.equals(plan.target().namespace())) {
            throw new UsageException(spec.commandLine(), "-n " + root.namespace + " differs from the plan's target.namespace "
                    + plan.target().namespace(), "Drop -n, or change target.namespace in " + file);
        }
        RolloutRunner.Settings settings = RolloutRunner.Settings.defaults();
        if (prometheusUrl != null) {
            settings = settings.withPrometheus(prometheusEndpoint(plan));
        }
        String runId = resume != null ? resume.trim() : RolloutRunner.Settings.newRunId();
        settings = settings.withRunId(runId);
        Terminal terminal = root.terminal();
        PrintWriter progress = terminal.err();
        progress.println("» run " + runId + (resume != null ? " resumed" : "") + " (to continue it after an interruption: grayctl rollout -f "
                + file + " --resume " + runId + ")");
        progress.flush();
        try (ClusterSession session = ClusterSession.open(root)) {
            // With no terminal to answer on (CI), an approval waits for 'grayctl decide' from another shell.
            TerminalGate gate = new TerminalGate(terminal.in(), terminal.err(), yes, Actor.currentUser(ClusterSession.ORIGIN).user(), true);
            // Each line is flushed as it comes: a rollout waits for minutes between events.
            RolloutNarration narration = new RolloutNarration(line -> {
                progress.println(line);
                progress.flush();
            });
            RolloutRunner runner = new RolloutRunner(session.engine(), gate, narration, settings);
            ResultPrinter printer = new ResultPrinter(terminal.out(), root.output());
            return runUntilStopped(runner, plan, result -> {
                printer.rollout(result);
                terminal.flush();
            });
        }
    }

    private PrometheusEndpoint prometheusEndpoint(RolloutPlan plan) {
        URI url;
        try {
            url = URI.create(prometheusUrl);
            PrometheusEndpoint endpoint = new PrometheusEndpoint(url, PrometheusEndpoint.DEFAULT_TIMEOUT,
                    java.util.Optional.empty());
            if (plan.prometheus() == null) {
                return endpoint;
            }
            // Keep the plan's timeout and token; only the address changes.
            PrometheusEndpoint planned = plan.prometheus().toEndpoint(System.getenv());
            return new PrometheusEndpoint(url, planned.timeout(), planned.bearerToken());
        } catch (IllegalArgumentException e) {
            throw new UsageException(spec.commandLine(), "--prometheus-url " + prometheusUrl + ": " + e.getMessage(),
                    "Give a URL like http://127.0.0.1:9090");
        } catch (IllegalStateException e) {
            throw new UsageException(spec.commandLine(), e.getMessage(), "Export the variable, or remove bearerTokenEnv");
        }
    }

    /**
     * Ctrl-C and SIGTERM run shutdown hooks: this one cancels the run and waits until the runner has
     * recorded where it stopped and the final status is printed, so the cluster's record stays
     * consistent with its traffic and a CI job's log ends with the release as it was left. The JVM
     * then exits with 130 (SIGINT) or 143 (SIGTERM).
     */
    private static int runUntilStopped(RolloutRunner runner, RolloutPlan plan, java.util.function.Consumer<RolloutResult> print) {
        CountDownLatch printed = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            runner.cancel();
            try {
                printed.await(CANCEL_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "grayctl-rollout-cancel");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            RolloutResult result = runner.run(plan);
            print.accept(result);
            return exitCode(result.outcome());
        } finally {
            printed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting (a signal): the hook is running and just got its signal.
            }
        }
    }

    static int exitCode(RolloutResult.Outcome outcome) {
        return switch (outcome) {
            case PROMOTED -> ExitCodes.OK;
            case ROLLED_BACK_BY_ANALYSIS -> ExitCodes.ROLLED_BACK;
            case ROLLED_BACK_BY_DECISION, ABORTED_BY_DECISION -> ExitCodes.NOT_APPROVED;
            case STOPPED_ELSEWHERE -> ExitCodes.STOPPED_ELSEWHERE;
            case CANCELLED, FAILED -> ExitCodes.FAILED;
        };
    }
}
