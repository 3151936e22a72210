package io.jenkins.plugins.grayrelease.core.it.workloads;

import io.jenkins.plugins.grayrelease.core.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One component of the {@link WorkloadCluster} (kube-controller-manager, kube-scheduler, KWOK) run
 * as a child process, its output in {@code <name>.log} in the cluster's work directory so that a
 * failure can quote its last lines.
 */
final class ControlPlaneProcess implements AutoCloseable {

    private static final int TAIL_LINES = 30;

    private final String name;
    private final Process process;
    private final Path log;

    private ControlPlaneProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ControlPlaneProcess start(String name, List<String> command, Path workDir) {
        Path log = workDir.resolve(name + ".log");
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ControlPlaneProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** A paragraph for a failure message: whether it still runs, and its last log lines. */
    String diagnosis() {
        String state = process.isAlive() ? "running" : "exited with status " + process.exitValue();
        return name + " (" + state + "), last lines of " + log.getFileName() + ":\n" + tail();
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 10 s: nothing outlives the tests. */
    @Override
    public void close() {
        Processes.stop(process);
    }
}
