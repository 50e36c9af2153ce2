package io.github.twiliosmsmcp.common;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link Sleeper}. When the server stops, every wait ends at once so that each
 * answer goes out with what is known by then. Nothing else is cut short: a create that is under
 * way always completes and is recorded, which interrupting its thread could not promise.
 */
public final class StoppableSleeper implements Sleeper {
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public boolean sleep(Duration duration) {
        try {
            return !stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends every wait now and every later one at once. */
    public void stop() {
        stopped.countDown();
    }
}
