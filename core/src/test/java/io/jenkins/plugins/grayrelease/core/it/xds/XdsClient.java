package io.jenkins.plugins.grayrelease.core.it.xds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One proxyless gRPC client ({@code xds-client client}) dialing {@code xds:///<host>:<port>}: it
 * asks istiod for its listener, routes, clusters and endpoints, and calls the backends the way
 * the routes say. The test drives it line by line over stdin/stdout.
 */
public final class XdsClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer commands;
    private final BufferedReader answers;
    private final Path workDir;

    private XdsClient(Process process, Path workDir) {
        this.process = process;
        this.workDir = workDir;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * @param host     the service's cluster-local name, e.g. {@code reviews.ns.svc.cluster.local}
     * @param endpoints placeholder endpoint address (host:port, as in the EndpointSlice) → loopback
     *                 backend; the client dials nothing else
     */
    public static XdsClient start(Path binary, String istiodXds, String namespace, String host, int port,
                                  Map<String, String> endpoints) {
        try {
            Path workDir = Files.createTempDirectory("gray-release-xds-client");
            // Node metadata GENERATOR=grpc makes istiod answer with gRPC-shaped xDS; without it
            // istiod sends Envoy sidecar listeners, which the gRPC client rejects.
            String bootstrap = """
                    {"xds_servers": [{"server_uri": "%s", "channel_creds": [{"type": "insecure"}],
                                      "server_features": ["xds_v3"]}],
                     "node": {"id": "sidecar~127.0.0.1~xds-client.%s~%s.svc.cluster.local",
                              "metadata": {"GENERATOR": "grpc", "NAMESPACE": "%s"}}}
                    """.formatted(istiodXds, namespace, namespace, namespace);
            Path bootstrapFile = Files.writeString(workDir.resolve("bootstrap.json"), bootstrap);
            String map = endpoints.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
            ProcessBuilder builder = new ProcessBuilder(binary.toString(), "client",
                    "-target", "xds:///" + host + ":" + port, "-map", map)
                    .redirectError(workDir.resolve("client.log").toFile());
            // gRPC reads its bootstrap from the environment when its packages initialise.
            builder.environment().put("GRPC_XDS_BOOTSTRAP", bootstrapFile.toString());
            Process process = builder.start();
            return new XdsClient(process, workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the xDS client " + binary, e);
        }
    }

    /** {@code n} calls carrying {@code headers}; what answered them. */
    public Split call(int n, Map<String, String> headers) {
        return Split.of(ask("call " + n + headers(headers)));
    }

    /**
     * Windows of {@code window} calls until {@code runs} windows in a row show {@code version}'s
     * share within [{@code low}, {@code high}] percent and no failed call, or {@code timeoutMillis} pass.
     */
    public Await await(int window, int runs, String version, double low, double high, long timeoutMillis,
                       Map<String, String> headers) {
        JsonNode answer = ask("await " + window + " " + runs + " " + version + " " + low + " " + high + " " + timeoutMillis
                + headers(headers));
        return new Await(answer.path("matched").asBoolean(), answer.path("windows").asInt(), Split.of(answer.path("last")),
                Duration.ofNanos((long) (answer.path("firstMatchMillis").asDouble() * 1e6)));
    }

    /** The connections the client's dialer made (loopback address → count) and refused (address → count). */
    public Dials dials() {
        JsonNode answer = ask("dials");
        return new Dials(counts(answer.path("dialed")), counts(answer.path("refused")));
    }

    private JsonNode ask(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
            String line = answers.readLine();
            if (line == null) {
                throw new IllegalStateException("the xDS client ended (status " + exitStatus() + "); its log:\n" + log());
            }
            JsonNode answer = JSON.readTree(line);
            if (answer.has("error")) {
                throw new IllegalStateException("the xDS client refused `" + command + "`: " + answer.get("error").asText());
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException("the xDS client does not answer; its log:\n" + log(), e);
        }
    }

    /** What the client logged (gRPC's own messages go there too). */
    public String log() {
        try {
            return Files.readString(workDir.resolve("client.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private String exitStatus() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String headers(Map<String, String> headers) {
        return headers.entrySet().stream().map(e -> " " + e.getKey() + "=" + e.getValue()).collect(Collectors.joining());
    }

    private static Map<String, Integer> counts(JsonNode object) {
        Map<String, Integer> counts = new TreeMap<>();
        object.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        return counts;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            commands.close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Files.deleteIfExists(workDir.resolve("client.log"));
        Files.deleteIfExists(workDir.resolve("bootstrap.json"));
        Files.deleteIfExists(workDir);
    }

    /**
     * The outcome of {@link #await}; {@code firstMatch}: from the command to the end of the first
     * window of the matching run.
     */
    public record Await(boolean matched, int windows, Split last, Duration firstMatch) {
    }

    /** Where the client's dialer connected, and what it refused. */
    public record Dials(Map<String, Integer> dialed, Map<String, Integer> refused) {
    }
}
