package io.github.twiliosmsmcp.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.twiliosmsmcp.config.DatabaseLocation;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A database that cannot be used is explained in words a person can act on, never in Java's. */
class UnusableDatabaseTest {

    @TempDir
    Path dir;

    static Stream<Arguments> locations() {
        return Stream.of(
                Arguments.of("its folder is a file", (Function<Path, Path>) dir -> file(dir).resolve("messages.db"),
                        "a-file is a file, not a folder"),
                Arguments.of("a folder above is a file", (Function<Path, Path>) dir -> file(dir).resolve("sub/deeper/messages.db"),
                        "a-file is a file, not a folder"),
                Arguments.of("the system will not create the folder", (Function<Path, Path>) dir -> Path.of("/proc/no-such-process/messages.db"),
                        "/proc/no-such-process does not exist and the system does not let it be created"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("locations")
    void unusableLocationIsExplainedInWords(String name, Function<Path, Path> location, String words) {
        Path file = location.apply(dir);
        assumeTrue(!file.startsWith("/proc") || Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");

        try (Database db = new Database(DatabaseLocation.ofFile(file), Clock.systemUTC(), Database.DEFAULT_RETENTION)) {
            StoreUnavailable e = assertThrows(StoreUnavailable.class, () -> db.read(c -> 0));

            assertTrue(e.describe().contains(words), e.describe());
            for (String internal : List.of("java.", "Exception", "Error")) {
                assertFalse(e.describe().contains(internal), e.describe());
            }
        }
    }

    private static Path file(Path dir) {
        Path file = dir.resolve("a-file");
        try {
            Files.writeString(file, "in the way");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }
}
