package io.github.twiliosmsmcp;

import io.github.twiliosmsmcp.config.Environment;
import io.github.twiliosmsmcp.config.Settings;
import io.github.twiliosmsmcp.mcp.SmsServer;
import io.github.twiliosmsmcp.setup.Setup;
import io.github.twiliosmsmcp.setup.Usage;
import io.modelcontextprotocol.server.McpSyncServer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the MCP server on stdin/stdout, or with an argument, one of the commands for people. */
public final class Main {
    /** How long answers still in flight get once the client has closed stdin. */
    private static final long CLOSE_GRACE_MILLIS = 1000;

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0) {
            // Classes of these modes load only here, so the server path stays as lean as before.
            System.exit(switch (args[0]) {
                case "--version" -> args.length == 1 ? Usage.version(version(), System.out)
                        : Usage.unknownArgument(args[1], version(), System.err);
                case "--help", "-h" -> args.length == 1 ? Usage.help(version(), System.out)
                        : Usage.unknownArgument(args[1], version(), System.err);
                case "setup" -> Setup.run(Arrays.copyOfRange(args, 1, args.length), version(), System.out, System.err);
                default -> Usage.unknownArgument(args[0], version(), System.err);
            });
        }
        serve();
    }

    private static void serve() {
        // Stdout belongs to the protocol: anything a library prints by mistake goes to stderr instead.
        FileOutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        Logger log = LoggerFactory.getLogger(Main.class);

        String version = version();
        Environment environment = Environment.ofSystem();
        log.info("twilio-sms-mcp {} starting on stdio ({})", version,
                Settings.isSandbox(environment) ? "SANDBOX: no Twilio variable is set, nothing will be sent"
                        : "Twilio mode");

        AtomicReference<McpSyncServer> server = new AtomicReference<>();
        server.set(SmsServer.start(environment, version, System.in, new PrintStream(protocolOut, true),
                () -> shutdown(server.get(), log)));
    }

    private static void shutdown(McpSyncServer server, Logger log) {
        Thread exit = new Thread(() -> {
            log.info("stdin closed; stopping");
            if (server != null) {
                try {
                    CompletableFuture.runAsync(server::closeGracefully).get(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    log.debug("graceful close did not finish: {}", e.toString());
                }
            }
            System.exit(0);
        }, "stdin-closed");
        exit.setDaemon(true);
        exit.start();
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
