package io.github.twiliosmsmcp.service;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A one-thread timer whose thread never keeps the process alive: the service stops on SIGTERM alone. */
final class DaemonTimer {
    private DaemonTimer() {}

    static ScheduledExecutorService named(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
