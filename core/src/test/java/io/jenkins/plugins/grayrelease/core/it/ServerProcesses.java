package io.jenkins.plugins.grayrelease.core.it;

import io.fabric8.kubeapitest.KubeAPIServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the etcd and kube-apiserver processes behind a {@link RealApiServer}, each
 * again with exactly the command line it was started with (same ports, certificates and etcd
 * data directory), so clients and kubeconfig stay valid across a restart.
 *
 * <p>kube-api-test has no restart: it treats any process exit as fatal and stops everything. So
 * this reaches into its two process holders (fields {@code kubeApiServerProcess.apiServerProcess}
 * and {@code etcdProcess.etcdProcess}, kube-api-test 7.3.1): it marks a holder as stopped before
 * killing its process (its exit handler then stays quiet), and hands the restarted process back
 * to the holder so that {@link RealApiServer#close()} stops it.
 */
public final class ServerProcesses {

    private final Object apiHolder;
    private final Object etcdHolder;
    private final Path logDir;

    ServerProcesses(KubeAPIServer server, Path logDir) {
        this.apiHolder = get(server, "kubeApiServerProcess");
        this.etcdHolder = get(server, "etcdProcess");
        this.logDir = logDir;
    }

    /** Kills kube-apiserver (SIGKILL: no graceful shutdown, requests in flight are cut). */
    public List<String> killApiServer() {
        return kill(apiHolder, "apiServerProcess");
    }

    public void startApiServer(List<String> command) {
        start(apiHolder, "apiServerProcess", command, "kube-apiserver");
    }

    /** Kills etcd (SIGKILL); the API server stays up and fails or waits on every request that needs storage. */
    public List<String> killEtcd() {
        return kill(etcdHolder, "etcdProcess");
    }

    public void startEtcd(List<String> command) {
        start(etcdHolder, "etcdProcess", command, "etcd");
    }

    private static List<String> kill(Object holder, String field) {
        Process process = (Process) get(holder, field);
        List<String> command = commandLine(process.pid());
        set(holder, "stopped", true);
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(command.get(0) + " did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return command;
    }

    private void start(Object holder, String field, List<String> command, String name) {
        try {
            Path log = logDir.resolve(name + "-restarted.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            set(holder, field, process);
            set(holder, "stopped", false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " again", e);
        }
    }

    /** The process's full command line, from /proc (ProcessHandle.Info may cut long argument lists). */
    private static List<String> commandLine(long pid) {
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8);
            return Arrays.asList(raw.substring(0, raw.length() - 1).split("\0", -1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the command line of process " + pid, e);
        }
    }

    private static Object get(Object target, String name) {
        try {
            Field f = target.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kube-api-test changed: no field " + name + " in " + target.getClass().getName(), e);
        }
    }

    private static void set(Object target, String name, Object value) {
        try {
            Field f = target.getClass().getDeclaredField(name);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kube-api-test changed: no field " + name + " in " + target.getClass().getName(), e);
        }
    }
}
