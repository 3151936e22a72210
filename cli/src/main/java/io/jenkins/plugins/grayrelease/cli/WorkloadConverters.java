package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.support.Durations;
import io.jenkins.plugins.grayrelease.core.workload.CanaryScale;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values read the way plans and Jenkins read them, so one spelling works everywhere; a bad one is a usage error (exit 2). */
final class WorkloadConverters {

    private WorkloadConverters() {
    }

    /** {@code traffic} or a number of replicas. */
    static final class Scale implements ITypeConverter<CanaryScale> {
        @Override
        public CanaryScale convert(String value) {
            try {
                return CanaryScale.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A positive duration such as {@code 90s} or {@code 5m}. */
    static final class Wait implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration d = Durations.parse(value);
                if (d.isZero()) {
                    throw new TypeConversionException("'" + value + "' is no time at all; give a duration such as 90s or 5m");
                }
                return d;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
