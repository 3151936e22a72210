package io.jenkins.plugins.grayrelease.core.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An object as YAML for a diff: without {@code metadata.managedFields}, server bookkeeping that
 * only distracts there, and with annotations that hold a JSON object (the release record) shown
 * decoded, one field per line, so a diff shows the record's fields that change instead of lines
 * of escaped JSON. Only for reading: the patch that is sent is made from the objects themselves.
 */
public final class DiffYaml {

    private DiffYaml() {
    }

    public static String of(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        JsonNode metadata = copy.get("metadata");
        if (metadata instanceof ObjectNode m) {
            m.remove("managedFields");
            if (m.get("annotations") instanceof ObjectNode annotations) {
                decodeJson(annotations);
            }
        }
        return Serialization.asYaml(copy);
    }

    private static void decodeJson(ObjectNode annotations) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        annotations.fields().forEachRemaining(fields::add);
        for (Map.Entry<String, JsonNode> field : fields) {
            String text = field.getValue().asText("");
            if (field.getValue().isTextual() && text.startsWith("{")) {
                try {
                    JsonNode decoded = Serialization.jsonMapper().readTree(text);
                    if (decoded instanceof ObjectNode) {
                        annotations.set(field.getKey(), decoded);
                    }
                } catch (JsonProcessingException notJson) {
                    // Shown as the text it is.
                }
            }
        }
    }
}
