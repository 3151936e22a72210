package io.jenkins.plugins.grayrelease.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Inline YAML fixtures as JSON trees. */
public final class Yaml {

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    private Yaml() {
    }

    public static ObjectNode node(String yaml) {
        try {
            return (ObjectNode) MAPPER.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a multi-document YAML. */
    public static List<ObjectNode> documents(String yaml) {
        List<ObjectNode> docs = new ArrayList<>();
        try (var parser = MAPPER.getFactory().createParser(yaml)) {
            var it = MAPPER.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && n.isObject()) {
                    docs.add((ObjectNode) n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** The route of {@code spec.http} with that name. */
    public static JsonNode route(JsonNode virtualService, String name) {
        for (JsonNode r : virtualService.path("spec").path("http")) {
            if (name.equals(r.path("name").asText())) {
                return r;
            }
        }
        return null;
    }
}
