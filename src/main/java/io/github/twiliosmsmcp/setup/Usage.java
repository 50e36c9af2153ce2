package io.github.twiliosmsmcp.setup;

import io.github.twiliosmsmcp.config.Setting;
import io.github.twiliosmsmcp.config.SettingsCatalogue;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code --help} and {@code --version} texts. They load nothing heavy (the settings catalogue reads
 * no value), because these modes must answer at once.
 */
public final class Usage {
    private static final String JAR = "twilio-sms-mcp.jar";
    private static final int COMMAND_WIDTH = 47;

    private Usage() {}

    public static int version(String version, PrintStream out) {
        out.println("twilio-sms-mcp " + version);
        out.println("Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + "), "
                + System.getProperty("java.home", ""));
        return 0;
    }

    public static int help(String version, PrintStream out) {
        out.print(text(version));
        return 0;
    }

    /** An argument nobody understands: the usage on stderr, and the conventional status 2. */
    public static int unknownArgument(String argument, String version, PrintStream err) {
        err.println("twilio-sms-mcp: unknown argument '" + argument + "'");
        err.println();
        err.print(text(version));
        return 2;
    }

    /** The setting's help, then its default in brackets when it has one. */
    static String helpLine(Setting<?> setting) {
        return setting.shownDefault().isEmpty() ? setting.help() : setting.help() + " (" + setting.shownDefault() + ")";
    }

    private static String row(int width, String left, String right) {
        return String.format(Locale.ROOT, "  %-" + width + "s %s", left, right) + "\n";
    }

    static String text(String version) {
        LaunchFlags flags = LaunchFlags.forRunningJava();
        StringBuilder text = new StringBuilder()
                .append("twilio-sms-mcp ").append(version)
                .append(": an MCP server that sends SMS and MMS and reads replies through Twilio.\n\n")
                .append("Usage:\n")
                .append(row(COMMAND_WIDTH, "java [JVM flags] -jar " + JAR, "serve MCP over stdin/stdout (what clients launch)"))
                .append(row(COMMAND_WIDTH, "java -jar " + JAR + " serve", "run the always-on service: Twilio webhooks over HTTP"))
                .append(row(COMMAND_WIDTH, "java -jar " + JAR + " setup [options]", "make the start-up archive, print client configuration"))
                .append(row(COMMAND_WIDTH, "java -jar " + JAR + " webhooks [--apply]", "show where your Twilio numbers send the messages"))
                .append(row(COMMAND_WIDTH, "", "they receive; --apply points them at SMS_PUBLIC_URL"))
                .append(row(COMMAND_WIDTH, "java -jar " + JAR + " review", "list, approve, reject or edit staged messages"))
                .append(row(COMMAND_WIDTH, "java -jar " + JAR + " migrate-store", "copy a SQLite store into PostgreSQL:"))
                .append(row(COMMAND_WIDTH, "  --from FILE --to postgresql://URL", "rows already there stay, so it can run again"))
                .append(row(COMMAND_WIDTH, "java -jar " + JAR + " --version", "print the version and the Java version"))
                .append(row(COMMAND_WIDTH, "java -jar " + JAR + " --help", "print this help"))
                .append('\n')
                .append("Setup options:\n")
                .append(row(20, "--write-claude", "add the server to Claude Desktop's configuration (the old file is backed up)"))
                .append(row(20, "--claude-config PATH", "that configuration file (default: Claude Desktop's, for this OS)"))
                .append(row(20, "--name NAME", "the server's name in the clients (default: sms)"))
                .append(row(20, "--archive PATH", "where to write the archive (default: next to the jar)"))
                .append(row(20, "--no-archive", "make no archive; print the configuration without it"))
                .append(row(20, "--http", "instead: how to run serve for MCP over HTTP, and LibreChat's entry for it"))
                .append(row(20, "", "(URL from SMS_HTTP_ADDRESS; takes only --name, default: sms-http)"))
                .append('\n')
                .append("Recommended JVM flags on this Java (").append(flags.java()).append("):\n  ")
                .append(String.join(" ", flags.launch(Optional.empty())))
                .append(" ").append(String.join(" ", flags.useArchive(Path.of("<jar folder>", flags.archiveFileName()))))
                .append("\n  (setup makes the archive and prints these with absolute paths)\n\n")
                .append("Environment (set in the client's configuration; with no TWILIO_ variable set the server is a\n")
                .append("sandbox that sends nothing):\n");
        for (Setting<?> setting : SettingsCatalogue.ALL) {
            text.append(row(28, setting.name(), helpLine(setting)));
        }
        return text.append("\nDetails: README.md of twilio-sms-mcp, sections \"Configuration\" and")
                .append(" \"Fast start and one-command setup\".\n")
                .toString();
    }
}
