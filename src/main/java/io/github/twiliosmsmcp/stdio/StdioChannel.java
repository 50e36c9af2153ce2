package io.github.twiliosmsmcp.stdio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.common.StoppableSleeper;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import sun.misc.Signal;

/**
 * The MCP server's stdin and stdout, as the SDK's stdio transport is given them: every line read is
 * checked and every request read is answered exactly once, at shutdown too (see {@link Shutdown}).
 */
public final class StdioChannel {
    private final ClientInput input;
    private final ProtocolOutput output;
    private final StatelessInput stateless;
    private final Shutdown shutdown;

    private StdioChannel(ClientInput input, ProtocolOutput output, StatelessInput stateless, Shutdown shutdown) {
        this.input = input;
        this.output = output;
        this.stateless = stateless;
        this.shutdown = shutdown;
    }

    /**
     * @param grace how long requests in flight may still run once the server stops: longer than any
     *     answer takes, so that only a hung call is cut off
     * @param exit ends the process with a status, once the last answer is written
     */
    public static StdioChannel open(InputStream stdin, OutputStream stdout, ObjectMapper json, StoppableSleeper sleeper,
            Duration grace, IntConsumer exit) {
        InFlight inFlight = new InFlight();
        ProtocolOutput output = new ProtocolOutput(stdout, inFlight, json);
        Shutdown shutdown = new Shutdown(inFlight, output, sleeper, grace, exit);
        StatelessInput stateless = new StatelessInput(output);
        ClientInput input = new ClientInput(stdin, new MessageCheck(json), inFlight, output, stateless,
                () -> shutdown.stop("stdin closed", 0));
        shutdown.watch(input);
        return new StdioChannel(input, output, stateless, shutdown);
    }

    /** Stdin of the 2025 server: every line but the 2026-07-28 requests. */
    public InputStream input() {
        return input;
    }

    /** Stdout of the 2025 server. */
    public OutputStream output() {
        return output;
    }

    /**
     * Serves 2026-07-28 requests with the server {@code start} builds on the stdin and stdout it is
     * given. It is built when the first such request arrives, so that 2025 clients never wait for it.
     * Call this before the 2025 server starts reading {@link #input()}, which is what reads stdin.
     */
    public void serveStatelessWith(BiConsumer<InputStream, OutputStream> start) {
        stateless.serveWith(start);
    }

    /** SIGTERM and SIGINT stop the server as the end of stdin does; a second one ends it at once. */
    public void stopOnSignals() {
        Signal.handle(new Signal("TERM"), signal -> shutdown.signal("TERM", 128 + 15));
        Signal.handle(new Signal("INT"), signal -> shutdown.signal("INT", 128 + 2));
    }
}
