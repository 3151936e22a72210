package io.jenkins.plugins.grayrelease.cli.bench;

import io.jenkins.plugins.grayrelease.core.it.RealApiServer;
import io.jenkins.plugins.grayrelease.sandbox.SampleApplication.Variant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code grayctl weight} and {@code grayctl status} as whole processes (through the {@code ./grayctl}
 * launcher, as users run them) next to kubectl doing the same on the same real API server, interleaved,
 * in one run: {@code kubectl patch} of the same two weights and {@code kubectl get virtualservice -o yaml}.
 * Prints each median and its ratio to kubectl's (issue 22's goal: at most 0.5 s and 6×), and the median
 * CPU time (user + system) of each command's process, which a loaded machine distorts far less than
 * the wall time (bash's {@code times} after the command: bash needs to be on the PATH). Arguments are
 * {@code label=JAR[::NAME=VALUE;…]} to compare several builds or launcher settings side by side
 * (default: {@code cli/target/grayctl.jar}); the pairs after {@code ::} are environment variables
 * for the launcher, e.g. {@code GRAYCTL_CDS=off}, {@code JAVA_HOME=/path/to/jdk-25} or
 * {@code JAVA_OPTS=-Dgrayctl.httpClient=vertx}. {@code -Druns=N} sets the runs per command (default 15).
 * Run from the repository root with {@code tools/bench-startup.sh [ARGS]}, which builds what it needs.
 */
public final class GrayctlStartup {

    private static final int RUNS = Integer.getInteger("runs", 15);
    private static final double GOAL_SECONDS = 0.5;
    private static final double GOAL_RATIO = 6;

    private GrayctlStartup() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("grayctl.root", ".")).toAbsolutePath().normalize();
        Path launcher = root.resolve("grayctl");
        Map<String, Map<String, String>> jars = variants(root, args);
        System.out.println("load at start: " + load());
        try (RealApiServer server = RealApiServer.start()) {
            String namespace = server.createNamespace("startup");
            Variant.ADMIN_ROUTE.install(server.client(), namespace);
            String service = Variant.ADMIN_ROUTE.service();
            String kubeconfig = server.kubeconfig().toString();
            String kubectl = server.binaries().kubectl().toString();
            Path cacheDir = Files.createTempDirectory("kubectl-cache");
            Map<String, List<Sample>> times = new LinkedHashMap<>();
            for (int i = -2; i < RUNS; i++) { // two warm-up rounds (page cache, kubectl discovery cache)
                int w = 1 + (i + 2) * 7 % 99;
                for (Map.Entry<String, Map<String, String>> jar : jars.entrySet()) {
                    Map<String, String> env = jar.getValue();
                    record(times, jar.getKey() + " weight", i, run(env, launcher.toString(), "--kubeconfig", kubeconfig, "-n", namespace,
                            "weight", service, String.valueOf(w), "--stable", "v1", "--canary", "v2"));
                    record(times, jar.getKey() + " status", i, run(env, launcher.toString(), "--kubeconfig", kubeconfig, "-n", namespace,
                            "status", service));
                }
                String patch = """
                        [{"op":"replace","path":"/spec/http/1/route/0/weight","value":%d},
                         {"op":"replace","path":"/spec/http/1/route/1/weight","value":%d}]""".formatted(100 - w, w);
                record(times, "kubectl patch", i, run(Map.of(), kubectl, "--kubeconfig", kubeconfig, "--cache-dir", cacheDir.toString(),
                        "-n", namespace, "patch", "virtualservices.networking.istio.io", service, "--type=json", "-p", patch));
                record(times, "kubectl get", i, run(Map.of(), kubectl, "--kubeconfig", kubeconfig, "--cache-dir", cacheDir.toString(),
                        "-n", namespace, "get", "virtualservices.networking.istio.io", service, "-o", "yaml"));
            }
            print(times);
        }
    }

    /** label=JAR[::NAME=VALUE;…] arguments as launcher environments; the built jar when there are none. */
    private static Map<String, Map<String, String>> variants(Path root, String[] args) {
        Map<String, Map<String, String>> jars = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String[] parts = arg.substring(eq + 1).split("::", 2);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("GRAYCTL_JAR", Path.of(parts[0]).toAbsolutePath().toString());
            if (parts.length > 1) {
                for (String pair : parts[1].split(";")) {
                    env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            jars.put(arg.substring(0, eq), env);
        }
        if (jars.isEmpty()) {
            jars.put("grayctl", Map.of("GRAYCTL_JAR", root.resolve("cli/target/grayctl.jar").toString()));
        }
        return jars;
    }

    /** Each grayctl command against the kubectl command that does the same: weight against patch, status against get. */
    private static void print(Map<String, List<Sample>> times) throws IOException {
        double patch = median(times.get("kubectl patch"), Sample::wall);
        double get = median(times.get("kubectl get"), Sample::wall);
        double patchCpu = median(times.get("kubectl patch"), Sample::cpu);
        double getCpu = median(times.get("kubectl get"), Sample::cpu);
        System.out.printf(Locale.ROOT, "%nmedians over %d runs each, interleaved (load at end: %s):%n", RUNS, load());
        for (Map.Entry<String, List<Sample>> entry : times.entrySet()) {
            double m = median(entry.getValue(), Sample::wall);
            double cpu = median(entry.getValue(), Sample::cpu);
            if (entry.getKey().startsWith("kubectl")) {
                System.out.printf(Locale.ROOT, "  %-28s %7.3f s wall %38s %7.3f s CPU%n", entry.getKey(), m, "", cpu);
                continue;
            }
            boolean weight = entry.getKey().endsWith(" weight");
            double ratio = m / (weight ? patch : get);
            System.out.printf(Locale.ROOT, "  %-28s %7.3f s wall %5.1fx kubectl %-5s goal %.1f s and %.0fx: %-7s %7.3f s CPU %5.1fx%n",
                    entry.getKey(), m, ratio, weight ? "patch" : "get", GOAL_SECONDS, GOAL_RATIO,
                    m <= GOAL_SECONDS && ratio <= GOAL_RATIO ? "met" : "not met", cpu, cpu / (weight ? patchCpu : getCpu));
        }
        System.out.println("(on a loaded machine every process is slower: compare the ratios, which come from the same run)");
    }

    private static void record(Map<String, List<Sample>> times, String key, int round, Sample sample) {
        if (round >= 0) {
            times.computeIfAbsent(key, k -> new ArrayList<>()).add(sample);
        }
    }

    /** One command's wall time and CPU time (user + system of the command and its children), in nanoseconds. */
    private record Sample(long wall, long cpu) {
    }

    /** Runs the command under bash, which writes the CPU time of its children ({@code times}, second line) to a file. */
    private static Sample run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path cpuFile = Files.createTempFile("startup-cpu", ".txt");
        List<String> line = new ArrayList<>(List.of("bash", "-c", "\"$0\" \"$@\"; code=$?; times > \"$CPU_FILE\"; exit $code"));
        line.addAll(Arrays.asList(command));
        ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("CPU_FILE", cpuFile.toString());
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        long took = System.nanoTime() - start;
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + code + ": " + out);
        }
        String children = Files.readAllLines(cpuFile).get(1); // e.g. "0m0.853s 0m0.121s": user, system
        Files.delete(cpuFile);
        long cpu = 0;
        for (String time : children.trim().split("\\s+")) {
            int m = time.indexOf('m');
            cpu += Math.round((Long.parseLong(time.substring(0, m)) * 60 + Double.parseDouble(time.substring(m + 1, time.length() - 1))) * 1e9);
        }
        return new Sample(took, cpu);
    }

    private static double median(List<Sample> samples, java.util.function.ToLongFunction<Sample> measure) {
        long[] sorted = samples.stream().mapToLong(measure).sorted().toArray();
        int n = sorted.length;
        return (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0) / 1e9;
    }

    private static String load() throws IOException {
        return String.join(", ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    }
}
