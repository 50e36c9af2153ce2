package io.github.twiliosmsmcp.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java 25+ path (an AOT cache from {@code -XX:AOTCacheOutput}) on the Java 25 JDK of this
 * machine. Its update may be one that setup gives AppCDS instead (JDK-8377932), so the AOT cache
 * flags are asked for here directly: training, the JVM's own check, and a server started with it.
 */
class AotCacheIT {
    private static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @TempDir
    Path dir;

    @Test
    void trainsAnAotCacheThatTheServerStartsWith() throws Exception {
        assumeTrue(Files.isExecutable(JAVA_25), "no Java 25 JDK at " + JAVA_25);
        Path jar = Files.copy(Path.of(System.getProperty("server.jar", "target/twilio-sms-mcp.jar")),
                dir.resolve("twilio-sms-mcp.jar"));
        LaunchFlags flags = LaunchFlags.forJava("25.0.4");

        ArchiveTrainer.Trained trained = new ArchiveTrainer(JAVA_25.toString(), jar, flags)
                .train(dir.resolve(flags.archiveFileName()));

        assertEquals(dir.resolve("twilio-sms-mcp.aot"), trained.file());
        assertTrue(trained.bytes() > 1_000_000, "size " + trained.bytes());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("twilio-sms-mcp.aot", "twilio-sms-mcp.jar"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no training leftovers");
        }
        List<String> command = new ArrayList<>(List.of(JAVA_25.toString()));
        command.addAll(flags.launch(Optional.of(trained.file())));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder server = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile());
        ArchiveTrainer.sandbox(server.environment());
        try (StdioSession session = StdioSession.start(server)) {
            assertEquals("twilio-sms-mcp", session.initialize(Duration.ofSeconds(30)).path("serverInfo").path("name").asText());
            assertEquals(7, session.request("tools/list", null, Duration.ofSeconds(30)).path("tools").size());
            assertEquals(0, session.closeAndWait(Duration.ofSeconds(10)));
            assertEquals(List.of(), session.linesThatAreNotJsonRpc());
        }
    }
}
