package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.twiliosmsmcp.setup.LaunchFlags;
import io.github.twiliosmsmcp.setup.StdioSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An archive that does not fit the jar or the JDK must never break start: the JVM ignores it, says so
 * on stderr (the recommended -Xlog flags keep that warning off stdout) and the server answers as usual.
 */
class StaleArchiveIT {

    @TempDir
    Path dir;

    /** Each Java here with its recommended flags; the Java 25 JDK also with the AOT cache flags. */
    static Stream<Arguments> javas() {
        List<Arguments> javas = new ArrayList<>();
        JavaRuntime current = JavaRuntime.current();
        javas.add(Arguments.of(current.version().toString(), current, current.flags()));
        JavaRuntime.java25().ifPresent(java25 -> {
            javas.add(Arguments.of(java25.version().toString(), java25, java25.flags()));
            javas.add(Arguments.of(java25.version() + " with the AOT cache flags", java25, LaunchFlags.forJava("25.0.4")));
        });
        return javas.stream();
    }

    private Path jar() throws Exception {
        return Files.copy(ServerProcess.jar(), dir.resolve("twilio-sms-mcp.jar"));
    }

    private void assertStartsWith(JavaRuntime java, LaunchFlags flags, Path archive, Path jar) throws Exception {
        try (StdioSession session = java.serve(flags.launch(Optional.of(archive)), jar, dir.resolve("stderr.txt"))) {
            JavaRuntime.assertServes(session);
        }
    }

    @ParameterizedTest(name = "Java {0}")
    @MethodSource("javas")
    void aMissingArchive(String name, JavaRuntime java, LaunchFlags flags) throws Exception {
        Path archive = dir.resolve("absent").resolve(flags.archiveFileName());

        assertStartsWith(java, flags, archive, jar());
    }

    @ParameterizedTest(name = "Java {0}")
    @MethodSource("javas")
    void aFileThatIsNoArchive(String name, JavaRuntime java, LaunchFlags flags) throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        Path archive = Files.write(dir.resolve(flags.archiveFileName()), garbage);

        assertStartsWith(java, flags, archive, jar());
    }

    // The common case: the jar was replaced after setup, and setup was not run again.
    @ParameterizedTest(name = "Java {0}")
    @MethodSource("javas")
    void anArchiveMadeForAnotherJar(String name, JavaRuntime java, LaunchFlags flags) throws Exception {
        // Java 25.0.3 and earlier do not notice a changed jar behind an AOT cache (JDK-8377932).
        assumeFalse(flags.usesAotCache());
        Path jar = jar();
        Path archive = dir.resolve(flags.archiveFileName());
        List<String> training = new ArrayList<>(flags.training(archive));
        training.addAll(List.of("-jar", jar.toString(), "--version"));
        assertEquals(0, java.run(Duration.ofMinutes(1), dir, training.toArray(String[]::new)).exit());
        assertTrue(Files.size(archive) > 0);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));

        assertStartsWith(java, flags, archive, jar);

        String stderr = Files.readString(dir.resolve("stderr.txt"));
        assertTrue(stderr.contains("Unable to use shared archive"), "the JVM said why, on stderr:\n" + stderr);
    }
}
