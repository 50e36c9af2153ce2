package io.github.twiliosmsmcp.setup;

import io.github.twiliosmsmcp.config.Environment;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code java -jar twilio-sms-mcp.jar setup}: makes the start-up archive for the running JDK next to
 * the jar, prints ready-to-paste client configuration with absolute paths, and with
 * {@code --write-claude} adds the server to Claude Desktop's configuration. With {@code --http} it
 * prints the configuration of MCP over HTTP instead ({@link HttpSetup}).
 */
public final class Setup {
    private final PrintStream out;

    /** What the user asked for. */
    record Options(boolean writeClaude, Optional<Path> claudeConfig, String name, Optional<Path> archive,
            boolean noArchive, boolean http) {

        static Options parse(String... args) throws BadUsage {
            boolean writeClaude = false;
            boolean noArchive = false;
            boolean http = false;
            Optional<Path> claudeConfig = Optional.empty();
            Optional<Path> archive = Optional.empty();
            Optional<String> named = Optional.empty();
            Iterator<String> rest = Arrays.asList(args).iterator();
            while (rest.hasNext()) {
                String option = rest.next();
                switch (option) {
                    case "--write-claude" -> writeClaude = true;
                    case "--no-archive" -> noArchive = true;
                    case "--claude-config" -> claudeConfig = Optional.of(path(option, value(option, rest)));
                    case "--archive" -> archive = Optional.of(path(option, value(option, rest)));
                    case "--name" -> named = Optional.of(value(option, rest));
                    case "--http" -> http = true;
                    default -> throw new BadUsage("unknown setup option '" + option + "'");
                }
            }
            if (noArchive && archive.isPresent()) {
                throw new BadUsage("--archive and --no-archive contradict each other");
            }
            if (http && (writeClaude || claudeConfig.isPresent() || archive.isPresent() || noArchive)) {
                throw new BadUsage("--http takes only --name: the service needs no start-up archive, and Claude"
                        + " Desktop's file names only servers it starts itself");
            }
            // The names librechat.yaml.example gives the two entries, so that both can sit side by side.
            String name = named.orElse(http ? "sms-http" : "sms");
            if (!ClientConfig.NAME.matcher(name).matches()) {
                throw new BadUsage("--name must be 1 to 43 letters, digits, '_' or '-'"
                        + " (LibreChat builds tool names of at most 64 characters from it)");
            }
            return new Options(writeClaude, claudeConfig, name, archive, noArchive, http);
        }

        private static String value(String option, Iterator<String> rest) throws BadUsage {
            if (!rest.hasNext()) {
                throw new BadUsage(option + " needs a value");
            }
            return rest.next();
        }

        private static Path path(String option, String value) throws BadUsage {
            try {
                return Path.of(value).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new BadUsage(option + " is not a valid path: " + e.getMessage());
            }
        }
    }

    /** A command line that cannot be run as written. */
    static final class BadUsage extends Exception {
        private static final long serialVersionUID = 1L;

        BadUsage(String message) {
            super(message);
        }
    }

    private Setup(PrintStream out) {
        this.out = out;
    }

    /** Runs setup; the process exit status: 0 done, 1 failed (nothing half-written), 2 bad arguments. */
    public static int run(String[] args, String version, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (BadUsage e) {
            err.println("twilio-sms-mcp setup: " + e.getMessage());
            err.println();
            err.print(Usage.text(version));
            return 2;
        }
        try {
            new Setup(out).run(options, version);
            return 0;
        } catch (SetupFailure e) {
            err.println("twilio-sms-mcp setup failed: " + e.getMessage());
            return 1;
        }
    }

    private void run(Options options, String version) throws SetupFailure {
        LaunchFlags flags = LaunchFlags.forRunningJava();
        String java = javaExecutable();
        Path jar = runningJar();
        out.println("twilio-sms-mcp " + version + " setup");
        out.println("  java: " + java + " (Java " + Runtime.version() + ")");
        out.println("  jar:  " + jar);
        if (options.http()) {
            HttpSetup.print(Environment.ofSystem(), options.name(), java, jar, out);
            return;
        }

        Path claudeFile = options.claudeConfig().orElseGet(() -> ClaudeConfigFile.defaultLocation(Environment.ofSystem()));
        if (options.writeClaude()) {
            ClaudeConfigFile.checkWritable(claudeFile, options.name());
        }

        Optional<Path> archive = Optional.empty();
        if (!options.noArchive()) {
            Path file = options.archive().orElse(jar.resolveSibling(flags.archiveFileName()));
            Optional<String> unusable = flags.unusablePath(file, isWindows());
            if (unusable.isPresent()) {
                throw new SetupFailure("the archive cannot be at " + file + ": " + unusable.get()
                        + ". Choose another place with --archive PATH.");
            }
            out.println();
            out.println("Training the " + flags.archiveKind() + " for Java " + flags.java()
                    + ": one sandbox session (initialize, tools/list, send_sms, receive_sms, get_conversation);"
                    + " nothing is sent...");
            ArchiveTrainer.Trained trained = new ArchiveTrainer(java, jar, flags).train(file);
            out.printf(Locale.ROOT, "  %s: %s (%.1f MB, made in %.1f s)%n", flags.archiveKind(), trained.file(),
                    trained.bytes() / 1_000_000.0, trained.took().toMillis() / 1000.0);
            archive = Optional.of(trained.file());
        }

        ClientConfig config = ClientConfig.of(options.name(), java, flags.launch(archive), jar.toString());
        printConfiguration(config, options.writeClaude() ? Optional.empty() : Optional.of(claudeFile));
        if (options.writeClaude()) {
            writeClaude(config, claudeFile);
        }
        if (jar.getParent() != null && jar.getParent().getFileName() != null
                && jar.getParent().getFileName().toString().equals("target")) {
            out.println();
            out.println("Note: the jar is in a build folder that 'mvn clean' deletes. Copy it somewhere permanent"
                    + " and run setup from there.");
        }
    }

    /** {@code mergeInto}: the Claude Desktop file to tell the user about, when setup does not write it. */
    private void printConfiguration(ClientConfig config, Optional<Path> mergeInto) {
        out.println();
        mergeInto.ifPresentOrElse(
                file -> out.println("Claude Desktop: merge this into " + file + " (or let setup do it: --write-claude)."),
                () -> out.println("Claude Desktop: setup merges this entry into the file named at the end."));
        out.println("Put your Twilio settings in place of the placeholders in \"env\", or remove \"env\" to try the sandbox:");
        out.println();
        out.println(config.claudeDesktopJson());
        out.println();
        out.println("LibreChat: add this under mcpServers: in librechat.yaml and put the values in LibreChat's .env:");
        out.println();
        out.print(config.libreChatYaml());
    }

    private void writeClaude(ClientConfig config, Path claudeFile) throws SetupFailure {
        ClaudeConfigFile.Written written = ClaudeConfigFile.write(claudeFile, config.name(), config.claudeEntry(),
                LocalDateTime.now());
        out.println();
        out.println("Wrote \"" + config.name() + "\" into " + written.file());
        written.backup().ifPresent(backup -> out.println("  the previous file is saved as " + backup));
        if (written.keptEntry()) {
            out.println("  the existing entry keeps its env settings; only command and args changed");
        } else {
            out.println("  replace the placeholder values in its \"env\" with your Twilio settings");
        }
        out.println("Quit Claude Desktop completely and start it again to load it.");
    }

    /**
     * The java running setup, as an absolute path: the archive only fits this JDK, and Claude Desktop
     * does not search PATH, so the configuration must name exactly this executable.
     */
    static String javaExecutable() {
        Optional<Path> running = ProcessHandle.current().info().command().map(Path::of).filter(Files::isExecutable);
        Path java = running.orElse(Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java"));
        // javaw has no console; the clients need the one whose stdio they can pipe.
        Path console = java.resolveSibling("java.exe");
        if (java.getFileName().toString().equalsIgnoreCase("javaw.exe") && Files.isExecutable(console)) {
            java = console;
        }
        return java.toAbsolutePath().toString();
    }

    /** The jar this code was loaded from, as a real absolute path. */
    static Path runningJar() throws SetupFailure {
        try {
            Path location = Path.of(Setup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                throw new SetupFailure("setup must run from the jar (java -jar twilio-sms-mcp.jar setup), not from "
                        + location);
            }
            return location.toRealPath();
        } catch (URISyntaxException | IOException | SecurityException e) {
            throw new SetupFailure("cannot tell where the jar is: " + e.getMessage(), e);
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
