package io.github.twiliosmsmcp.stdio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** What becomes of one line from the client, decided before the SDK sees it. */
sealed interface Incoming {
    /** The SDK server of {@code era} handles the line; a request among them is owed an answer. */
    record Forward(byte[] line, String method, Optional<Request> request, Era era) implements Incoming {}

    /** The server answers at once without the SDK, which would answer it badly or never. */
    record Answer(ObjectNode reply) implements Incoming {}

    /** Nothing to do or to answer: a blank line, or a notification that cannot be read. */
    record Skip(String why) implements Incoming {}
}
