package io.jenkins.plugins.grayrelease.cli;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * grayctl as a process of its own (the test's classpath, {@link GrayCtl}'s main), as a second shell
 * or a CI runner starts it: it can be sent SIGTERM, and two of them talk only through the cluster.
 */
final class GrayctlProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path out;
    private final Path err;
    private final List<String> args;
    private volatile long exitedAt;

    private GrayctlProcess(Process process, Path out, Path err, List<String> args) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.args = args;
        process.onExit().thenRun(() -> exitedAt = System.nanoTime());
    }

    /** When the process ended ({@link System#nanoTime()}), or 0 while it runs. */
    long exitedAt() {
        return exitedAt;
    }

    /** Starts {@code grayctl ARGS} with {@code stdin} as its whole input (then closed, as in a CI job). */
    static GrayctlProcess start(Path dir, String stdin, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), GrayCtl.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("KUBECONFIG");
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        return new GrayctlProcess(process, out, err, List.of(args));
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    JsonNode json() {
        try {
            return JSON.readTree(out());
        } catch (IOException e) {
            throw new UncheckedIOException("stdout is not JSON:\n" + this, e);
        }
    }

    /** Waits until stderr contains {@code text}; a bound so that a hang fails the test, not a timing assertion. */
    GrayctlProcess awaitErr(String text) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10))
                .failFast(() -> !process.isAlive() && !err().contains(text))
                .until(() -> err().contains(text));
        return this;
    }

    /** SIGTERM, what a CI runner sends when a job is cancelled. */
    void terminate() {
        process.destroy();
    }

    int exitCode() throws InterruptedException {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("grayctl " + String.join(" ", args) + " did not end within 2 minutes\n" + this);
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return "grayctl " + String.join(" ", args) + "\n--- stdout\n" + out() + "--- stderr\n" + err();
    }
}
