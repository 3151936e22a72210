package io.jenkins.plugins.grayrelease.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;

/** An object as YAML for a diff: without {@code metadata.managedFields}, server bookkeeping that only distracts there. */
public final class DiffYaml {

    private DiffYaml() {
    }

    public static String of(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        JsonNode metadata = copy.get("metadata");
        if (metadata instanceof ObjectNode m) {
            m.remove("managedFields");
        }
        return Serialization.asYaml(copy);
    }
}
