package io.github.twiliosmsmcp.delivery;

/** Receives news while a send waits for its final status, so a client can show that work goes on. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total, message) -> {};

    void report(double done, double total, String message);
}
