package io.github.twiliosmsmcp.stdio;

import io.github.twiliosmsmcp.common.StoppableSleeper;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the stdio server ends, when stdin closes or a signal arrives: stop taking requests, cut every
 * wait short, let each request already read finish and write its answer, then exit. A request the
 * SDK will never answer (one held for a handshake that never finished, or one still running when
 * the grace is over) is answered here, so each gets exactly one answer. Nothing is written after
 * the last answer.
 */
final class Shutdown {
    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);
    static final String NOT_FINISHED = "[FINAL] The server stopped before this call finished, so its outcome is"
            + " unknown. Do not repeat it: if it was a send, the message may have gone out, and the server's"
            + " journal keeps an identical send from going out twice. Tell the user the server was stopped.";

    private final InFlight inFlight;
    private final ProtocolOutput out;
    private final StoppableSleeper sleeper;
    private final Duration grace;
    private final IntConsumer exit;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean signalled = new AtomicBoolean();
    private final CountDownLatch answered = new CountDownLatch(1);
    private ClientInput input;

    Shutdown(InFlight inFlight, ProtocolOutput out, StoppableSleeper sleeper, Duration grace, IntConsumer exit) {
        this.inFlight = inFlight;
        this.out = out;
        this.sleeper = sleeper;
        this.grace = grace;
        this.exit = exit;
    }

    void watch(ClientInput input) {
        this.input = input;
    }

    /**
     * Answers what is owed and exits with {@code status}. Every caller returns only once all answers
     * are out (in production, never: the process has exited), so the SDK never sees the end of stdin
     * while an answer is still to be written.
     */
    void stop(String why, int status) {
        if (!started.compareAndSet(false, true)) {
            awaitAnswered();
            return;
        }
        LOG.info("{}; answering {} request(s) in flight, then exiting", why, inFlight.size());
        input.stopAccepting();
        sleeper.stop();
        if (input.handshake() != Handshake.DONE) {
            // The SDK holds these until notifications/initialized, which can no longer come.
            for (Request held : inFlight.take(request -> request.era() == Era.SESSION
                    && !request.method().equals(MessageCheck.INITIALIZE))) {
                out.reply(Replies.error(held.id(), Replies.INVALID_REQUEST, "Invalid request: the session was never"
                        + " initialized (no notifications/initialized before the end of input); not processed"));
            }
        }
        try {
            if (!inFlight.awaitAnswered(grace)) {
                LOG.warn("{} request(s) still running after {} s; answering them as unfinished", inFlight.size(),
                        grace.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Request late : inFlight.take(request -> true)) {
            out.reply(late.method().equals(MessageCheck.TOOLS_CALL)
                    ? Replies.toolError(late.id(), NOT_FINISHED)
                    : Replies.error(late.id(), Replies.INTERNAL_ERROR, "The server stopped before it could answer"));
        }
        out.close();
        answered.countDown();
        exit.accept(status);
    }

    /**
     * A stop signal (SIGTERM, SIGINT): the first one stops as stdin's end does, in the background so
     * that a second one can still be handled, and ends the process at once.
     */
    void signal(String name, int status) {
        if (signalled.getAndSet(true)) {
            LOG.warn("SIG{} again: exiting now", name);
            Runtime.getRuntime().halt(status);
        }
        Thread stopping = new Thread(() -> stop("SIG" + name + " received", status), "shutdown");
        stopping.start();
    }

    private void awaitAnswered() {
        try {
            answered.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
