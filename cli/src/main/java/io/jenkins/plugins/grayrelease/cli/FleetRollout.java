package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.Actor;
import io.jenkins.plugins.grayrelease.core.analysis.PrometheusEndpoint;
import io.jenkins.plugins.grayrelease.core.fleet.Fleet;
import io.jenkins.plugins.grayrelease.core.fleet.FleetGate;
import io.jenkins.plugins.grayrelease.core.fleet.FleetOutcome;
import io.jenkins.plugins.grayrelease.core.fleet.FleetPlan;
import io.jenkins.plugins.grayrelease.core.fleet.FleetRelease;
import io.jenkins.plugins.grayrelease.core.fleet.FleetRunner;
import io.jenkins.plugins.grayrelease.core.fleet.FleetTarget;
import io.jenkins.plugins.grayrelease.core.rollout.ApprovalRequest;
import io.jenkins.plugins.grayrelease.core.rollout.plan.RolloutPlan;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code grayctl rollout -f PLAN.yaml} for a plan with {@code targets}: one kubeconfig context per cluster the plan
 * names, the plan run wave by wave, approvals asked on the terminal once per wave, and the outcome (with the commands
 * that finish any target left unreachable) on stdout. {@code --resume ID} finishes what the fleet release {@code ID}
 * decided but could not do everywhere.
 */
final class FleetRollout {

    private final RootCommand root;
    private final boolean yes;

    FleetRollout(RootCommand root, boolean yes) {
        this.root = root;
        this.yes = yes;
    }

    int run(RolloutPlan plan, String resumeId, PrometheusEndpoint prometheus, String file) {
        FleetPlan fleetPlan = FleetPlan.of(plan, resumeId != null ? resumeId : Fleet.newId(plan.name()));
        Terminal terminal = root.terminal();
        PrintWriter err = terminal.err();
        Progress progress = new Progress(err);
        progress.step("fleet release " + fleetPlan.fleet().id() + (resumeId != null ? " resumed" : "")
                + " (to finish it after an interruption: grayctl rollout -f " + file + " --resume " + fleetPlan.fleet().id() + ")");
        Map<String, ClusterSession> sessions = new HashMap<>();
        FleetPrinter printer = new FleetPrinter(terminal.out(), root.output());
        try (FleetRelease release = new FleetRelease(fleetPlan.fleet(), t -> session(sessions, t).engine(),
                FleetSessions.narrating(progress), FleetRelease.Settings.defaults())) {
            if (resumeId != null) {
                return printed(release.resume(), release, printer, terminal);
            } else {
                FleetRunner.Settings settings = FleetRunner.Settings.defaults();
                if (prometheus != null) {
                    settings = settings.withPrometheus(prometheus);
                }
                FleetRunner runner = new FleetRunner(release, gate(terminal, plan), FleetSessions.narrating(progress), settings);
                // Ctrl-C or SIGTERM: the run stops at its next wait or between two steps, traffic as it is, and the
                // outcome and table are still printed (the hook waits for them, as the single-target rollout does).
                java.util.concurrent.CountDownLatch printed = new java.util.concurrent.CountDownLatch(1);
                Thread onSignal = new Thread(() -> {
                    runner.cancel();
                    try {
                        printed.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "grayctl-fleet-cancel");
                Runtime.getRuntime().addShutdownHook(onSignal);
                try {
                    return printed(runner.run(fleetPlan), release, printer, terminal);
                } finally {
                    printed.countDown();
                    try {
                        Runtime.getRuntime().removeShutdownHook(onSignal);
                    } catch (IllegalStateException shuttingDown) {
                        // the JVM is exiting on a signal: the hook runs and has just been released
                    }
                }
            }
        } finally {
            sessions.values().forEach(ClusterSession::close);
        }
    }

    /** The outcome and every target as it is now, on stdout; the exit code they mean. */
    private static int printed(FleetOutcome outcome, FleetRelease release, FleetPrinter printer, Terminal terminal) {
        printer.finished(outcome, release.status());
        terminal.flush();
        return FleetPrinter.exitCode(outcome);
    }

    /** The session of {@code target}'s cluster (its kubeconfig context; none: the current one), opened once. */
    private synchronized ClusterSession session(Map<String, ClusterSession> sessions, FleetTarget target) {
        return sessions.computeIfAbsent(target.cluster() == null ? "" : target.cluster(),
                c -> ClusterSession.open(root, c.isEmpty() ? null : c));
    }

    /**
     * The terminal's prompt, once per wave, naming the {@code grayctl decide} command that answers from any shell;
     * with its input closed, it waits for that answer (until the approval's timeout), as a single-target rollout does.
     */
    private FleetGate gate(Terminal terminal, RolloutPlan plan) {
        TerminalGate prompt = new TerminalGate(terminal.in(), terminal.err(), yes, Actor.currentUser(ClusterSession.ORIGIN).user(), true);
        return approval -> prompt.decide(new ApprovalRequest(plan.name(), approval.step(), approval.message() + " (" + approval.wave().name()
                + ": " + String.join(", ", approval.wave().targets().stream().map(FleetTarget::id).toList()) + ")",
                approval.allowed(), approval.timeout(), approval.onTimeout(), null), approval.answerElsewhere());
    }
}
