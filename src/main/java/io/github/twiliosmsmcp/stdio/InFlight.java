package io.github.twiliosmsmcp.stdio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The requests read from the client and not yet answered. An answer is written only for a request
 * that is still here, which is what makes it exactly one answer even when the server had to answer
 * on the SDK's behalf at shutdown.
 */
final class InFlight {
    private final Map<String, Request> requests = new LinkedHashMap<>();

    /** False if a request with the same id is still unanswered: its answer would be ambiguous. */
    synchronized boolean start(Request request) {
        return requests.putIfAbsent(request.key(), request) == null;
    }

    /** True the first time the request with this id (as JSON text) is answered. */
    synchronized boolean finish(String key) {
        boolean owed = requests.remove(key) != null;
        if (requests.isEmpty()) {
            notifyAll();
        }
        return owed;
    }

    /** Removes and returns the unanswered requests that match, for the caller to answer. */
    synchronized List<Request> take(Predicate<Request> which) {
        List<Request> taken = new ArrayList<>();
        requests.values().removeIf(request -> which.test(request) && taken.add(request));
        if (requests.isEmpty()) {
            notifyAll();
        }
        return taken;
    }

    synchronized int size() {
        return requests.size();
    }

    /** Waits until every request is answered or {@code limit} passes; true if all were answered. */
    synchronized boolean awaitAnswered(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!requests.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
