package io.jenkins.plugins.grayrelease.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which class data the launcher gives the JVM: Java 25's AOT cache, the CDS archive or neither. The JVM
 * here is a stand-in {@code bin/java} that prints the options it was started with, in a JDK folder whose
 * {@code release} file names its version, as a real JDK's does.
 */
class LauncherClassDataTest {

    private static final Instant BUILT = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path dir;

    private Path jar;

    @BeforeEach
    void builtJar() throws IOException {
        jar = Files.writeString(dir.resolve("grayctl.jar"), "not run: the stand-in java only prints its options");
        Files.setLastModifiedTime(jar, FileTime.from(BUILT));
    }

    @Test
    void java17WithItsArchiveGetsTheCdsOptions() throws Exception {
        Path java17 = jdk("17.0.15");
        madeBy(java17, "grayctl.jsa", BUILT.plusSeconds(5));

        String options = launch(java17);

        assertThat(options).contains("-XX:SharedArchiveFile=" + dir.resolve("grayctl.jsa").toRealPath(), "-Xshare:auto")
                .doesNotContain("AOTCache");
    }

    @Test
    void java25WithItsAotCacheGetsTheAotOptionsRatherThanTheArchive() throws Exception {
        Path java25 = jdk("25.0.3");
        madeBy(java25, "grayctl.jsa", BUILT.plusSeconds(5));
        madeBy(java25, "grayctl.aot", BUILT.plusSeconds(9));

        String options = launch(java25);

        assertThat(options).contains("-XX:AOTCache=" + dir.resolve("grayctl.aot").toRealPath(), "-Xlog:aot=off")
                .doesNotContain("SharedArchiveFile");
    }

    @Test
    void aotCacheOlderThanTheJarIsStaleAndTheFreshArchiveServes() throws Exception {
        Path java25 = jdk("25.0.3");
        madeBy(java25, "grayctl.aot", BUILT.minusSeconds(60));
        madeBy(java25, "grayctl.jsa", BUILT.plusSeconds(5));

        String options = launch(java25);

        assertThat(options).contains("-XX:SharedArchiveFile=").doesNotContain("AOTCache");
    }

    @Test
    void aotCacheNamingAJvmOlderThan25IsNotGivenToIt() throws Exception {
        Path java21 = jdk("21.0.7");
        madeBy(java21, "grayctl.aot", BUILT.plusSeconds(9));

        String options = launch(java21);

        assertThat(options).doesNotContain("AOTCache").doesNotContain("SharedArchiveFile").contains("-jar " + jar.toRealPath());
    }

    @Test
    void filesMadeByAnotherJvmOrStaleOrMissingGiveNeitherAndTheCommandStillStarts() throws Exception {
        Path java25 = jdk("25.0.3");
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        madeBy(jdk(other, "25.0.1"), "grayctl.aot", BUILT.plusSeconds(9));
        madeBy(java25, "grayctl.jsa", BUILT.minusSeconds(60));

        String options = launch(java25);

        assertThat(options).doesNotContain("AOTCache").doesNotContain("SharedArchiveFile")
                .contains("-XX:TieredStopAtLevel=1", "-jar " + jar.toRealPath() + " status reviews");
    }

    @Test
    void cdsOffTurnsBothOff() throws Exception {
        Path java25 = jdk("25.0.3");
        madeBy(java25, "grayctl.aot", BUILT.plusSeconds(9));
        madeBy(java25, "grayctl.jsa", BUILT.plusSeconds(5));

        CliRun run = LauncherProcess.run(LauncherProcess.launcher(), dir,
                Map.of("JAVA_HOME", java25.getParent().getParent().toString(), "GRAYCTL_JAR", jar.toString(), "GRAYCTL_CDS", "off"),
                "status", "reviews");

        assertThat(run.out()).doesNotContain("AOTCache").doesNotContain("SharedArchiveFile");
    }

    /** The stand-in JVM's options, as one line. */
    private String launch(Path java) throws Exception {
        CliRun run = LauncherProcess.run(LauncherProcess.launcher(), dir,
                Map.of("JAVA_HOME", java.getParent().getParent().toString(), "GRAYCTL_JAR", jar.toString()), "status", "reviews");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.out().strip();
    }

    private Path jdk(String version) throws IOException {
        return jdk(dir, version);
    }

    /** A JDK folder with a release file and a bin/java that prints its arguments. */
    private static Path jdk(Path parent, String version) throws IOException {
        Path home = Files.createDirectories(parent.resolve("jdk-" + version));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java.toRealPath();
    }

    /** Class data beside the jar with its stamp naming the JVM that made it, written at {@code when}. */
    private void madeBy(Path java, String name, Instant when) throws IOException {
        Path data = Files.writeString(dir.resolve(name), "class data");
        Files.writeString(dir.resolve(name + ".java"), java + "\n");
        Files.setLastModifiedTime(data, FileTime.from(when));
    }
}
