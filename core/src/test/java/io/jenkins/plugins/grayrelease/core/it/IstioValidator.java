package io.jenkins.plugins.grayrelease.core.it;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.grayrelease.sandbox.SandboxKinds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs Istio's own validation code (tools/istio-validate, the checks istiod's webhook makes) on
 * VirtualServices and DestinationRules, typically as read back from the real API server.
 */
public final class IstioValidator {

    private static final Pattern SUMMARY = Pattern.compile("^validated (\\d+) objects, (\\d+) errors$");

    private final Path binary;
    private final KubernetesClient client;

    IstioValidator(Path binary, KubernetesClient client) {
        this.binary = binary;
        this.client = client;
    }

    /** Istio's validator reading from {@code server} (for tests that get their server another way than as a parameter). */
    public static IstioValidator of(RealApiServer server) {
        return new IstioValidator(server.binaries().istioValidator(), server.client());
    }

    /** Every VirtualService and DestinationRule stored in {@code namespace}, validated. */
    public IstioValidation validateStored(String namespace) {
        List<HasMetadata> stored = new ArrayList<>();
        stored.addAll(client.genericKubernetesResources(SandboxKinds.VIRTUAL_SERVICE).inNamespace(namespace).list().getItems());
        stored.addAll(client.genericKubernetesResources(SandboxKinds.DESTINATION_RULE).inNamespace(namespace).list().getItems());
        return validate(stored);
    }

    public IstioValidation validate(List<? extends HasMetadata> objects) {
        String yaml = objects.stream().map(client.getKubernetesSerialization()::asYaml).collect(Collectors.joining("\n"));
        return validate(yaml);
    }

    /** Validates YAML documents as a user would write them. */
    public IstioValidation validate(String yaml) {
        Path input = null;
        try {
            input = Files.createTempFile("istio-validate", ".yaml");
            Files.writeString(input, yaml);
            Process process = new ProcessBuilder(binary.toString(), input.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(binary + " did not finish within a minute");
            }
            return IstioValidation.parse(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + binary, e);
        } finally {
            deleteQuietly(input);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temp file is harmless; the validation result is what matters
            }
        }
    }

    /**
     * What Istio said.
     *
     * @param exitCode 0 all valid, 1 some object invalid, 2 unreadable input
     * @param objects  how many objects were validated (so "no errors" cannot mean "nothing checked")
     * @param errors   one line per problem, each starting with {@code Kind namespace/name:}
     * @param output   everything the validator printed, for failure messages
     */
    public record IstioValidation(int exitCode, int objects, List<String> errors, String output) {

        static IstioValidation parse(int exitCode, String output) {
            int objects = -1;
            List<String> errors = new ArrayList<>();
            for (String line : output.split("\n")) {
                Matcher summary = SUMMARY.matcher(line.trim());
                if (summary.matches()) {
                    objects = Integer.parseInt(summary.group(1));
                } else if (!line.isBlank() && !line.contains(": warning: ")) {
                    errors.add(line);
                }
            }
            return new IstioValidation(exitCode, objects, List.copyOf(errors), output);
        }

        public boolean valid() {
            return exitCode == 0 && errors.isEmpty() && objects > 0;
        }
    }
}
