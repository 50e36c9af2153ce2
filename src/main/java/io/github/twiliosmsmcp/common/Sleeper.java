package io.github.twiliosmsmcp.common;

import java.time.Duration;

/**
 * The waits between status polls, inbox polls and 429 retries: the only time the core spends doing
 * nothing. Injected, so that tests can move a clock instead of waiting.
 */
public interface Sleeper {
    /** Waits for {@code duration}; false if the wait was cut short because the server is stopping. */
    boolean sleep(Duration duration);
}
