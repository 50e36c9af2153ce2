package io.github.twiliosmsmcp.setup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The start-up benchmark is a script and keeps its own copy of the recommended flags; this keeps
 * that copy the same as {@link LaunchFlags}, so the figures of docs/benchmarks.md measure what setup writes.
 */
class BenchFlagsTest {

    @Test
    void theBenchmarkMeasuresTheFlagsSetupRecommends() throws IOException {
        String script = Files.readString(Path.of("bench", "startup"));
        String recommended = script.substring(script.indexOf("def recommended_flags"), script.indexOf("def training_flags"));
        List<String> flags = Stream.concat(LaunchFlags.STDOUT_SAFE.stream(), LaunchFlags.FAST_START.stream()).toList();
        for (String flag : flags) {
            assertTrue(recommended.contains("\"" + flag + "\""), flag + " is recommended by setup but not measured by bench/startup");
        }
    }
}
