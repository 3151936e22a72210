package io.jenkins.plugins.grayrelease.core.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the pinned Kubernetes release from tools/kube/go.mod, the one place it is written. */
final class KubernetesVersion {

    static final Path GO_MOD = Path.of("tools", "kube", "go.mod");
    private static final Pattern REQUIRE = Pattern.compile("(?m)^\\s*k8s\\.io/kubernetes\\s+v(\\d+\\.\\d+\\.\\d+)\\b");

    private KubernetesVersion() {
    }

    /** Walks up from the working directory (Maven runs tests in {@code core/}) to the repository root. */
    static String fromGoMod() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path goMod = dir.resolve(GO_MOD);
            if (Files.isRegularFile(goMod)) {
                return parse(read(goMod), goMod);
            }
        }
        throw new IllegalStateException(GO_MOD + " not found above " + Path.of("").toAbsolutePath()
                + "; run the tests from the repository");
    }

    static String parse(String goMod, Path where) {
        Matcher m = REQUIRE.matcher(goMod);
        if (!m.find()) {
            throw new IllegalStateException(where + " has no 'k8s.io/kubernetes vX.Y.Z' requirement");
        }
        return m.group(1);
    }

    private static String read(Path goMod) {
        try {
            return Files.readString(goMod);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
