package io.github.twiliosmsmcp.stdio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twiliosmsmcp.common.StoppableSleeper;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.IntConsumer;
import sun.misc.Signal;

/**
 * The MCP server's stdin and stdout, as the SDK's stdio transport is given them: every line read is
 * checked and every request read is answered exactly once, at shutdown too (see {@link Shutdown}).
 */
public final class StdioChannel {
    private final ClientInput input;
    private final ProtocolOutput output;
    private final Shutdown shutdown;

    private StdioChannel(ClientInput input, ProtocolOutput output, Shutdown shutdown) {
        this.input = input;
        this.output = output;
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
        ClientInput input = new ClientInput(stdin, new MessageCheck(json), inFlight, output,
                () -> shutdown.stop("stdin closed", 0));
        shutdown.watch(input);
        return new StdioChannel(input, output, shutdown);
    }

    public InputStream input() {
        return input;
    }

    public OutputStream output() {
        return output;
    }

    /** SIGTERM and SIGINT stop the server as the end of stdin does; a second one ends it at once. */
    public void stopOnSignals() {
        Signal.handle(new Signal("TERM"), signal -> shutdown.signal("TERM", 128 + 15));
        Signal.handle(new Signal("INT"), signal -> shutdown.signal("INT", 128 + 2));
    }
}
