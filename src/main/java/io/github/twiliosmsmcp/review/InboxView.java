package io.github.twiliosmsmcp.review;

import io.github.twiliosmsmcp.common.Times;
import io.github.twiliosmsmcp.inbox.Inbox;
import io.github.twiliosmsmcp.sms.MessageRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The conversations by number, unread first, and the thread with one number when one is chosen. */
public record InboxView(List<Row> conversations, Optional<Thread> thread) {

    /** {@code href} opens the thread: the number is encoded, or its "+" would arrive as a space. */
    public record Row(String number, String last, int unread, String href) {
        static Row of(Inbox.Correspondent c) {
            return new Row(c.number(), Times.format(c.lastAt()), c.unread(),
                    ReviewPage.PATH + "/inbox?with=" + URLEncoder.encode(c.number(), StandardCharsets.UTF_8));
        }
    }

    /** {@code problem} says why the thread could not be read from the provider. */
    public record Thread(String with, List<Message> messages, int earlierNotShown, Optional<String> problem) {}

    /** {@code unread}: an inbound message the model has not read yet. */
    public record Message(boolean inbound, String at, String status, String body, List<String> images,
            List<String> otherMedia, boolean unread) {
        static Message of(MessageRecord m, Set<String> unreadSids) {
            return new Message(m.direction() == MessageRecord.Direction.INBOUND, Times.format(m.dateSent()),
                    m.status().twilioValue() + m.errorCode().map(code -> " (error " + code + ")").orElse(""),
                    m.body() == null ? "" : m.body(), m.mediaUrls().stream().filter(QueueView::showable).toList(),
                    m.mediaUrls().stream().filter(url -> !QueueView.showable(url)).toList(),
                    unreadSids.contains(m.sid()));
        }
    }
}
