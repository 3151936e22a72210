package io.jenkins.plugins.grayrelease.core.it.workloads;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Our KWOK stage files (test resources next to this class): how the fake nodes and their pods
 * move through their lifecycle, including the failures of {@link PodBehaviour}. KWOK reads files,
 * and this package may run from core's test-jar (cli's tests), so they are copied out first.
 */
final class KwokStages {

    static final List<String> FILES = List.of("node-stages.yaml", "pod-stages.yaml", "pod-failure-stages.yaml");

    private KwokStages() {
    }

    /** Copies the stage files into {@code dir}; returns their paths, for KWOK's {@code --config}. */
    static List<Path> writeTo(Path dir) {
        List<Path> written = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = KwokStages.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("KWOK stage file " + file + " is missing from the test resources of "
                            + KwokStages.class.getPackageName());
                }
                Path target = dir.resolve(file);
                Files.copy(in, target);
                written.add(target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the KWOK stage file " + file + " to " + dir, e);
            }
        }
        return written;
    }
}
