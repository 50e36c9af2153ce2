package io.github.twiliosmsmcp.review;

import io.github.twiliosmsmcp.approval.Staged;
import io.github.twiliosmsmcp.common.Times;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The pending queue, and what was decided lately with what became of each send. */
public record QueueView(List<Pending> pending, List<Decided> decided) {

    /**
     * One message waiting for a person. {@code digest} goes back with an approval, so that what is
     * approved is exactly the version on the screen; {@code images} are the media a browser may show.
     */
    public record Pending(long id, String kind, String to, String from, String body, String created, String expires,
            String priority, Optional<String> notes, int characters, int segments, String encoding, String cost,
            List<String> images, List<String> otherMedia, Optional<Long> replaces, String digest) {

        static Pending of(Staged m) {
            return new Pending(m.id(), m.kind().name(), m.to(), m.from().orElse("the default sender"), m.body(),
                    Times.format(m.createdAt()), Times.format(m.expiresAt()), m.priority().value(), m.notes(),
                    m.body().codePointCount(0, m.body().length()), m.segments(), m.encoding(),
                    CostsView.usd(m.estimateUsd()), m.media().stream().filter(QueueView::showable).toList(),
                    m.media().stream().filter(url -> !showable(url)).toList(), m.replaces(), m.digest());
        }
    }

    /** A decided message; {@code delivery} is its send's last status as the journal holds it. */
    public record Decided(long id, String to, String body, String state, Optional<String> reason, String decided,
            Optional<String> delivery) {

        static Decided of(Staged m, Instant now, Optional<String> delivery) {
            return new Decided(m.id(), m.to(), m.body(), m.stateAt(now).value(), m.reason(),
                    m.decidedAt().map(Times::format).orElse(""), delivery);
        }
    }

    /** The page's Content-Security-Policy lets images come over https only: others are shown as links. */
    static boolean showable(String url) {
        return url.regionMatches(true, 0, "https://", 0, "https://".length());
    }
}
