package io.jenkins.plugins.grayrelease.core.it.xds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two small gRPC servers on 127.0.0.1, {@code v1} and {@code v2}, each answering every call with
 * the header {@code x-served-by: <version>} ({@code xds-client serve v1 v2}).
 */
public final class GrpcBackends implements AutoCloseable {

    public static final List<String> VERSIONS = List.of("v1", "v2");

    private final Process process;
    private final Map<String, String> addresses;

    private GrpcBackends(Process process, Map<String, String> addresses) {
        this.process = process;
        this.addresses = addresses;
    }

    public static GrpcBackends start(Path xdsClient) {
        try {
            Process process = new ProcessBuilder(xdsClient.toString(), "serve", VERSIONS.get(0), VERSIONS.get(1))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Map<String, String> addresses = new LinkedHashMap<>();
            for (String line = out.readLine(); line != null && !line.equals("ready"); line = out.readLine()) {
                String[] fields = line.split(" ");
                if (fields.length != 3 || !fields[0].equals("listening") || !fields[2].startsWith("127.0.0.1:")) {
                    process.destroyForcibly();
                    throw new IllegalStateException("unexpected line from the gRPC backends: " + line);
                }
                addresses.put(fields[1], fields[2]);
            }
            if (!addresses.keySet().containsAll(VERSIONS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the gRPC backends did not start (exit status "
                        + (process.isAlive() ? "none" : process.exitValue()) + "); they reported " + addresses);
            }
            return new GrpcBackends(process, Map.copyOf(addresses));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the gRPC backends (" + xdsClient + ")", e);
        }
    }

    /** The loopback host:port of the backend answering {@code version}. */
    public String address(String version) {
        return addresses.get(version);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
