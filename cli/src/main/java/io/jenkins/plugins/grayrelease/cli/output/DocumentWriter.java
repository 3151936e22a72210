package io.jenkins.plugins.grayrelease.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Prints documents (maps, lists, JSON trees) as pretty JSON or YAML. */
public final class DocumentWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // A string that looks like a number (resourceVersion "42") stays a string for YAML parsers, as in JSON.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS).build();

    private DocumentWriter() {
    }

    public static void json(Object document, PrintWriter out) {
        out.println(write(JSON, document));
        out.flush();
    }

    public static void yaml(Object document, PrintWriter out) {
        out.print(write(YAML, document));
        out.flush();
    }

    private static String write(ObjectMapper mapper, Object document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
