package io.jenkins.plugins.grayrelease.core.it;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs the CustomResourceDefinitions of a YAML file (Istio's generated ones, the Gateway API's
 * standard channel), with their OpenAPI schemas and CEL rules, and waits until they are served.
 */
final class CrdFiles {

    private CrdFiles() {
    }

    static List<CustomResourceDefinition> install(KubernetesClient client, Path crdFile) {
        List<CustomResourceDefinition> crds;
        try (InputStream in = Files.newInputStream(crdFile)) {
            crds = client.load(in).items().stream()
                    .filter(CustomResourceDefinition.class::isInstance)
                    .map(CustomResourceDefinition.class::cast)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CustomResourceDefinitions from " + crdFile, e);
        }
        if (crds.isEmpty()) {
            throw new IllegalStateException(crdFile + " holds no CustomResourceDefinition; rebuild it with `"
                    + TestBinaries.BUILD_COMMAND + "`");
        }
        for (CustomResourceDefinition crd : crds) {
            client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        }
        for (HasMetadata crd : crds) {
            client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(CrdFiles::isEstablished, 2, TimeUnit.MINUTES);
        }
        return crds;
    }

    static boolean isEstablished(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
