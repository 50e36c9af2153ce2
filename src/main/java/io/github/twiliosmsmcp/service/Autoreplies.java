package io.github.twiliosmsmcp.service;

import io.github.twiliosmsmcp.autorespond.Autoresponder;
import io.github.twiliosmsmcp.common.StoreUnavailable;
import io.github.twiliosmsmcp.sms.MessageRecord;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the autoresponder on stored inbound messages, one at a time, off the webhook's thread:
 * Twilio gets its answer as soon as the message is stored, and an autoreply's send (a create call
 * to Twilio) never holds a webhook. One at a time also keeps a burst of texts from becoming a
 * burst of sends; the owner's limits apply to each anyway.
 */
final class Autoreplies implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Autoreplies.class);

    private final Autoresponder autoresponder;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread thread = new Thread(r, "autoreply");
                thread.setDaemon(true);
                return thread;
            });

    Autoreplies(Autoresponder autoresponder) {
        this.autoresponder = autoresponder;
    }

    /** A message just stored: answered soon, if a rule says so. */
    void offer(MessageRecord message) {
        try {
            worker.execute(() -> answer(message));
        } catch (RejectedExecutionException e) {
            LOG.info("{} not considered for an autoreply: the service is stopping", message.sid());
        }
    }

    private void answer(MessageRecord message) {
        try {
            Autoresponder.Result result = autoresponder.answer(message);
            LOG.info("autoreply to {}: {} ({})", message.sid(), result.kind(), result.detail());
        } catch (StoreUnavailable e) {
            LOG.warn("autoreply to {} not considered: {}", message.sid(), e.describe());
        } catch (RuntimeException e) {
            LOG.error("autoreply to {} failed unexpectedly", message.sid(), e);
        }
    }

    /**
     * Lets the autoreply being sent finish, so its outcome is recorded (an interrupt could cut a send
     * between its claim and its outcome); the ones still waiting are dropped, unclaimed.
     */
    @Override
    public void close() {
        worker.getQueue().clear();
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
