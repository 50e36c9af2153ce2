package io.github.twiliosmsmcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.app.App;
import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.delivery.SendService;
import io.github.twiliosmsmcp.mcp.SmsServer;
import io.github.twiliosmsmcp.mcp.StatelessSmsServer;
import io.github.twiliosmsmcp.policy.Mode;
import io.github.twiliosmsmcp.review.ReviewCommand;
import io.github.twiliosmsmcp.service.Service;
import io.github.twiliosmsmcp.setup.MigrateStore;
import io.github.twiliosmsmcp.setup.Setup;
import io.github.twiliosmsmcp.setup.Usage;
import io.github.twiliosmsmcp.setup.Webhooks;
import io.github.twiliosmsmcp.common.StoppableSleeper;
import io.github.twiliosmsmcp.stdio.StdioChannel;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the MCP server on stdin/stdout; with an argument, the always-on service ({@code serve}) or
 * one of the commands for people.
 */
public final class Main {
    /**
     * How long requests in flight may still run once the server stops. Waits end at once then, so only
     * a create under way takes time; the longest answer of all stays within the send's answer budget.
     */
    private static final Duration STOP_GRACE = Duration.ofSeconds(SendService.ANSWER_BUDGET_SECONDS + 5);

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0) {
            // Classes of these modes load only here, so the server path stays as lean as before.
            System.exit(switch (args[0]) {
                case "--version" -> args.length == 1 ? Usage.version(version(), System.out)
                        : Usage.unknownArgument(args[1], version(), System.err);
                case "--help", "-h" -> args.length == 1 ? Usage.help(version(), System.out)
                        : Usage.unknownArgument(args[1], version(), System.err);
                case "serve" -> args.length == 1 ? Service.run(Environment.ofSystem(), version())
                        : Usage.unknownArgument(args[1], version(), System.err);
                case "setup" -> Setup.run(Arrays.copyOfRange(args, 1, args.length), version(), System.out, System.err);
                case "webhooks" -> Webhooks.run(Arrays.copyOfRange(args, 1, args.length), version(),
                        Environment.ofSystem(), System.out, System.err);
                case "review" -> ReviewCommand.run(Arrays.copyOfRange(args, 1, args.length), version(),
                        Environment.ofSystem(), System.out, System.err);
                case "migrate-store" -> MigrateStore.run(Arrays.copyOfRange(args, 1, args.length), version(),
                        Environment.ofSystem(), System.out, System.err);
                default -> Usage.unknownArgument(args[0], version(), System.err);
            });
        }
        serveStdio();
    }

    private static void serveStdio() {
        // Stdout belongs to the protocol: anything a library prints by mistake goes to stderr instead.
        FileOutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        Logger log = LoggerFactory.getLogger(Main.class);

        String version = version();
        Environment environment = Environment.ofSystem();
        log.info("twilio-sms-mcp {} starting on stdio", version);

        ObjectMapper json = new ObjectMapper();
        StoppableSleeper sleeper = new StoppableSleeper();
        StdioChannel channel = StdioChannel.open(System.in, new BufferedOutputStream(protocolOut), json, sleeper,
                STOP_GRACE, System::exit);
        channel.stopOnSignals();
        Clock clock = Clock.systemUTC();
        App app = new App(environment, SmsServer.NAME + "/" + version, clock, sleeper);
        Mode mode = Settings.mode(environment);
        channel.serveStatelessWith((in, out) -> StatelessSmsServer.start(app, mode, clock, version, json, in, out));
        SmsServer.start(app, mode, clock, version, json, channel.input(), channel.output());
        // Checking Twilio settings loads phone metadata (about 120 ms): not on the way to the first answer.
        Thread describeMode = new Thread(() -> log.info("mode: {}", Settings.describeMode(environment)), "mode");
        describeMode.setDaemon(true);
        describeMode.start();
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
