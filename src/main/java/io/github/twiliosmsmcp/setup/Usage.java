package io.github.twiliosmsmcp.setup;

import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.policy.Mode;
import io.github.twiliosmsmcp.policy.Policy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code --help} and {@code --version} texts. Plain strings only: these modes must answer at once. */
public final class Usage {
    private static final String JAR = "twilio-sms-mcp.jar";

    /** Name, short meaning (default). Kept short: the README's configuration table has the details. */
    private static final List<String[]> VARIABLES = List.of(
            new String[] {Settings.ACCOUNT_SID, "Account SID, AC + 32 hex characters"},
            new String[] {Settings.AUTH_TOKEN, "auth token (or the next two)"},
            new String[] {Settings.API_KEY, "API key SID, SK + 32 hex characters"},
            new String[] {Settings.API_SECRET, "the API key's secret"},
            new String[] {Settings.PHONE_NUMBER, "sender number(s), E.164, comma-separated; first is the default"},
            new String[] {Settings.MESSAGING_SERVICE_SID, "Messaging Service SID, MG..., used when no from is given"},
            new String[] {Settings.API_BASE_URL, "another Twilio API base URL (tests, proxies)"},
            new String[] {Settings.DEFAULT_REGION, "country whose national number format is accepted (US)"},
            new String[] {Settings.STATUS_WAIT_SECONDS, "how long a send waits for its delivery status, 0-45 (20)"},
            new String[] {Settings.MAX_SEGMENTS, "most SMS segments one send may use, 1-100 (10)"},
            new String[] {Settings.DATABASE, "message database file or jdbc:sqlite: URL (your data folder)"},
            new String[] {Settings.DEDUPE_WINDOW, "how long the same text to the same number is a repeat (10m)"},
            new String[] {Settings.RETENTION_DAYS, "days before message texts are erased (90)"},
            new String[] {Mode.SETTING, "live, dry-run or receive-only (live)"},
            new String[] {Policy.ALLOWED, "numbers and +prefix* that may be texted (any)"},
            new String[] {Policy.BLOCKED, "numbers and +prefix* that may never be texted (none)"},
            new String[] {Policy.REPLIES_ONLY, "true: only text numbers that texted first (false)"},
            new String[] {Policy.PER_RECIPIENT_PER_HOUR, "messages to one number per rolling hour (5)"},
            new String[] {Policy.PER_HOUR, "messages per rolling hour (30)"},
            new String[] {Policy.PER_DAY, "messages per rolling 24 hours (200)"},
            new String[] {Policy.DAILY_BUDGET, "estimated spend per rolling 24 hours, USD (no cap)"},
            new String[] {Policy.QUIET_HOURS, "no texts in this window of the recipient's local time (21:00-08:00)"});

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

    private static String row(int width, String left, String right) {
        return String.format(Locale.ROOT, "  %-" + width + "s %s", left, right) + "\n";
    }

    static String text(String version) {
        LaunchFlags flags = LaunchFlags.forRunningJava();
        StringBuilder text = new StringBuilder()
                .append("twilio-sms-mcp ").append(version)
                .append(": an MCP server that sends SMS and MMS and reads replies through Twilio.\n\n")
                .append("Usage:\n")
                .append(row(44, "java [JVM flags] -jar " + JAR, "serve MCP over stdin/stdout (what clients launch)"))
                .append(row(44, "java -jar " + JAR + " setup [options]", "make the start-up archive, print client configuration"))
                .append(row(44, "java -jar " + JAR + " --version", "print the version and the Java version"))
                .append(row(44, "java -jar " + JAR + " --help", "print this help"))
                .append('\n')
                .append("Setup options:\n")
                .append(row(20, "--write-claude", "add the server to Claude Desktop's configuration (the old file is backed up)"))
                .append(row(20, "--claude-config PATH", "that configuration file (default: Claude Desktop's, for this OS)"))
                .append(row(20, "--name NAME", "the server's name in the clients (default: sms)"))
                .append(row(20, "--archive PATH", "where to write the archive (default: next to the jar)"))
                .append(row(20, "--no-archive", "make no archive; print the configuration without it"))
                .append('\n')
                .append("Recommended JVM flags on this Java (").append(flags.java()).append("):\n  ")
                .append(String.join(" ", flags.launch(Optional.empty())))
                .append(" ").append(String.join(" ", flags.useArchive(Path.of("<jar folder>", flags.archiveFileName()))))
                .append("\n  (setup makes the archive and prints these with absolute paths)\n\n")
                .append("Environment (set in the client's configuration; with no TWILIO_ variable set the server is a\n")
                .append("sandbox that sends nothing):\n");
        for (String[] variable : VARIABLES) {
            text.append(row(28, variable[0], variable[1]));
        }
        return text.append("\nDetails: README.md of twilio-sms-mcp, sections \"Configuration\" and")
                .append(" \"Fast start and one-command setup\".\n")
                .toString();
    }
}
