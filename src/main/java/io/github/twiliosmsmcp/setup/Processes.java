package io.github.twiliosmsmcp.setup;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waiting for child processes: always with a deadline, and a child past it is killed, never left behind. */
public final class Processes {
    private Processes() {}

    /** The exit status of {@code process} once it ends; killed and an error if that takes longer than {@code limit}. */
    public static int awaitExit(Process process, Duration limit, String what) throws IOException {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(what + " did not end within " + limit.toSeconds() + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted waiting for " + what + " to end");
        }
    }
}
