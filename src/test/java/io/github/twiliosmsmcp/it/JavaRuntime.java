package io.github.twiliosmsmcp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.twiliosmsmcp.setup.LaunchFlags;
import io.github.twiliosmsmcp.setup.Processes;
import io.github.twiliosmsmcp.setup.StdioSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java installation that runs the jar as a user or a client would: the one running the tests, or
 * the Java 25 JDK when this machine has one. Every TWILIO_ and SMS_ variable of the test machine is
 * removed, so that only what a test sets reaches the server.
 */
record JavaRuntime(String java, Runtime.Version version) {
    static final Path JAVA_25_HOME = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    /** What a finished command printed, and how it ended. */
    record Finished(int exit, String stdout, String stderr) {}

    static JavaRuntime current() {
        return new JavaRuntime(ServerProcess.javaExecutable(), Runtime.version());
    }

    /** The Java 25 JDK, if installed; its version comes from its {@code release} file. */
    static Optional<JavaRuntime> java25() {
        Path java = JAVA_25_HOME.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            return Optional.empty();
        }
        try {
            Matcher version = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"")
                    .matcher(Files.readString(JAVA_25_HOME.resolve("release")));
            return version.find()
                    ? Optional.of(new JavaRuntime(java.toString(), Runtime.Version.parse(version.group(1))))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    LaunchFlags flags() {
        return new LaunchFlags(version);
    }

    /** Runs {@code java <args>} to its end, or fails the test after {@code limit}. */
    Finished run(Duration limit, Path workDir, String... args) {
        return run(limit, workDir, Map.of(), args);
    }

    /** Like {@link #run(Duration, Path, String...)}, with {@code env} on top of the clean environment. */
    Finished run(Duration limit, Path workDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(List.of(args));
        try {
            Path stdout = Files.createTempFile(workDir, "stdout", ".txt");
            Path stderr = Files.createTempFile(workDir, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            withoutSettings(builder.environment());
            builder.environment().putAll(env);
            int exit = Processes.awaitExit(builder.start(), limit, String.join(" ", command));
            return new Finished(exit, Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a server as a client does: {@code command} and {@code args} as a configuration names
     * them, the configuration's {@code env} on top of a clean environment, stderr into a file.
     */
    static StdioSession serve(String command, List<String> args, Map<String, String> env, Path stderr) {
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(line).redirectError(stderr.toFile());
        withoutSettings(builder.environment());
        builder.environment().putAll(env);
        try {
            return StdioSession.start(builder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StdioSession serve(List<String> jvmFlags, Path jar, Path stderr) {
        List<String> args = new ArrayList<>(jvmFlags);
        args.add("-jar");
        args.add(jar.toString());
        return serve(java, args, Map.of(), stderr);
    }

    /**
     * What every client needs: initialize and tools/list answered, the process gone once stdin
     * closes, and nothing on stdout but JSON-RPC.
     */
    static void assertServes(StdioSession session) throws IOException {
        JsonNode server = session.initialize(Duration.ofSeconds(30)).path("serverInfo");
        assertEquals("twilio-sms-mcp", server.path("name").asText());
        assertEquals(7, session.request("tools/list", null, Duration.ofSeconds(30)).path("tools").size());
        assertEquals(0, session.closeAndWait(Duration.ofSeconds(10)));
        assertEquals(List.of(), session.linesThatAreNotJsonRpc(), "stdout must carry JSON-RPC and nothing else");
    }

    private static void withoutSettings(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("TWILIO_") || name.startsWith("SMS_"));
    }
}
