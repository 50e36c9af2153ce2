package io.github.twiliosmsmcp.common;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Trace ids, carried in the text of every log line about one webhook or one tool call (slf4j-simple
 * prints no MDC, and its MDC is a no-op). A tool call runs on one thread from the boundary that
 * every call of either protocol era passes to its answer, so its id is held for that thread there,
 * and the core's log lines read it instead of taking it as a parameter through every step.
 */
public final class Trace {
    private static final ThreadLocal<String> CALL = new ThreadLocal<>();

    private Trace() {}

    /** A new id such as {@code wh-1a2b3c}: short enough to read, random enough to grep one request. */
    public static String newId(String kind) {
        return String.format("%s-%06x", kind, ThreadLocalRandom.current().nextInt(1 << 24));
    }

    /** Runs one tool call with its own trace id, which {@link #tag()} gives on this thread until it ends. */
    public static <T> T ofCall(Supplier<T> call) {
        CALL.set(newId("call"));
        try {
            return call.get();
        } finally {
            CALL.remove();
        }
    }

    /** {@code "[call-1a2b3c] "} while this thread runs a tool call, else nothing: the start of a log line. */
    public static String tag() {
        String id = CALL.get();
        return id == null ? "" : "[" + id + "] ";
    }
}
