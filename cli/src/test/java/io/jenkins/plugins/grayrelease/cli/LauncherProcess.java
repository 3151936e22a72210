package io.jenkins.plugins.grayrelease.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the {@code ./grayctl} launcher script as a separate process, as a user's shell would. */
final class LauncherProcess {

    private LauncherProcess() {
    }

    /** The launcher at the repository root; Maven passes its path, a plain IDE run finds it from cli/. */
    static Path launcher() {
        String configured = System.getProperty("grayctl.launcher");
        return (configured != null ? Path.of(configured) : Path.of("..", "grayctl")).toAbsolutePath().normalize();
    }

    static CliRun run(Path launcher, Path workDir, String... args) throws IOException, InterruptedException {
        return run(launcher, workDir, Map.of(), args);
    }

    /** Runs with {@code env} added to the environment (e.g. KUBECONFIG). */
    static CliRun run(Path launcher, Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(List.of(args));
        return runCommand(workDir, env, command);
    }

    /** Runs {@code command} as it is (e.g. a symlink found on PATH, or kubectl), with {@code env} added. */
    static CliRun runCommand(Path workDir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().remove("GRAYCTL_JAR");
        builder.environment().remove("KUBECONFIG");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        // A bound so that a hanging launcher fails the test instead of the build; not a timing assertion.
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within 5 minutes");
        }
        return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
