package io.jenkins.plugins.grayrelease.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How results are printed: a table for people, JSON or YAML for scripts. */
public enum OutputFormat {
    TABLE, JSON, YAML;

    /** Accepts {@code table|json|yaml} in any case, with a message that lists them when it is none. */
    public static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not an output format; use table, json or yaml");
            }
        }
    }
}
