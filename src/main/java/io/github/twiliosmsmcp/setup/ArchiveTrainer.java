package io.github.twiliosmsmcp.setup;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes the class-data archive by running the server once as a client would: a child JVM with the
 * training flags, in sandbox mode, through initialize, tools/list and real tool calls, so the archive
 * holds the classes those calls load and not just the start-up ones. The JVM writes the archive when
 * the child exits after stdin closes.
 */
final class ArchiveTrainer {
    static final String TRAINING_RECIPIENT = "+14155552671";
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(60);
    // Java 25 assembles the AOT cache in a second JVM after the training run exits.
    private static final Duration EXIT_LIMIT = Duration.ofMinutes(3);
    private static final Duration CHECK_LIMIT = Duration.ofSeconds(60);

    /** One archive made: where, how large, how long training took. */
    record Trained(Path file, long bytes, Duration took) {}

    private final String java;
    private final Path jar;
    private final LaunchFlags flags;

    ArchiveTrainer(String java, Path jar, LaunchFlags flags) {
        this.java = java;
        this.jar = jar;
        this.flags = flags;
    }

    /** Trains into a file beside {@code archive}, checks the JVM accepts it, then moves it into place. */
    Trained train(Path archive) throws SetupFailure {
        long started = System.nanoTime();
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial-" + ProcessHandle.current().pid());
        Path log = null;
        try {
            Files.createDirectories(archive.toAbsolutePath().getParent());
            log = Files.createTempFile("twilio-sms-mcp-training-", ".log");
            runTrainingSession(partial, log);
            if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
                throw new SetupFailure("the training run ended but wrote no archive" + logTail(log));
            }
            requireJvmAccepts(partial, log);
            replace(partial, archive);
            return new Trained(archive, Files.size(archive), Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new SetupFailure("could not make the archive " + archive + ": " + e.getMessage() + logTail(log), e);
        } finally {
            deleteQuietly(partial);
            deleteQuietly(partial.resolveSibling(partial.getFileName() + ".config"));
            deleteQuietly(log);
        }
    }

    private void runTrainingSession(Path output, Path log) throws IOException, SetupFailure {
        ProcessBuilder builder = new ProcessBuilder(command(flags.training(output)))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        sandbox(builder.environment());
        try (StdioSession session = StdioSession.start(builder)) {
            JsonNode server = session.initialize(ANSWER_LIMIT).path("serverInfo");
            if (!"twilio-sms-mcp".equals(server.path("name").asText())) {
                throw new SetupFailure(jar + " did not answer initialize as twilio-sms-mcp" + logTail(log));
            }
            JsonNode tools = session.request("tools/list", null, ANSWER_LIMIT).path("tools");
            if (tools.size() == 0) {
                throw new SetupFailure("the server listed no tools during training" + logTail(log));
            }
            JsonNode sent = session.callTool("send_sms", StdioSession.object()
                    .put("to", TRAINING_RECIPIENT)
                    .put("message", "Training run for the start-up archive: the sandbox sends nothing."), ANSWER_LIMIT);
            String answer = sent.path("content").path(0).path("text").asText();
            if (!answer.startsWith("[FINAL] SANDBOX")) {
                throw new SetupFailure("the training send did not run in the sandbox: " + firstLine(answer));
            }
            // Waits for the sandbox's simulated reply, so reading a message is part of the archive too.
            session.callTool("receive_sms", StdioSession.object()
                    .put("from", TRAINING_RECIPIENT).put("wait_seconds", 10), ANSWER_LIMIT);
            session.callTool("get_conversation", StdioSession.object().put("with", TRAINING_RECIPIENT), ANSWER_LIMIT);
            int exit = session.closeAndWait(EXIT_LIMIT);
            if (exit != 0) {
                throw new SetupFailure("the training run exited with status " + exit + logTail(log));
            }
        }
    }

    /**
     * Without any Twilio setting the server is the sandbox, so training sends nothing; without
     * {@code SMS_DATABASE} the sandbox keeps its database in memory and no file is left behind.
     */
    static void sandbox(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("TWILIO_") || name.startsWith("SMS_"));
    }

    /** A JVM told to refuse to start without the archive: proof that the archive matches this jar and JDK. */
    private void requireJvmAccepts(Path archive, Path log) throws IOException, SetupFailure {
        List<String> command = command(flags.requireArchive(archive));
        command.add("--version");
        Process check = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (Processes.awaitExit(check, CHECK_LIMIT, "checking the new archive") != 0) {
            throw new SetupFailure("this JVM refuses the archive it just made" + logTail(log));
        }
    }

    /**
     * A rename, never a rewrite: a server running right now has the old archive mapped into memory,
     * and truncating a mapped file under it would crash it. Renaming leaves its copy intact.
     */
    private static void replace(Path partial, Path archive) throws SetupFailure {
        try {
            if (Files.exists(archive)) {
                // The JVM writes archives read-only, and Windows will not replace a read-only file.
                archive.toFile().setWritable(true);
            }
            try {
                Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SetupFailure("could not put the new archive at " + archive + " (" + e.getMessage()
                    + "). If a client is running the server, quit it and run setup again.", e);
        }
    }

    private List<String> command(List<String> jvmFlags) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    private static String logTail(Path log) {
        if (log == null) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 15), lines.size());
            return tail.isEmpty() ? "" : "\nLast lines of the training run's output:\n  " + String.join("\n  ", tail);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temporary file is untidy, not harmful: the next setup replaces it.
        }
    }
}
