package io.github.twiliosmsmcp.approval;

import java.util.Optional;

/**
 * Asking the user in the chat whether a staged message may go out, where the client can ask (MCP
 * elicitation). The answer comes from the client's own dialog, never from the model's arguments.
 */
@FunctionalInterface
public interface Confirmation {

    /** The client cannot ask: the message waits in the queue for a person. */
    Confirmation NONE = message -> new Dismissed("the client cannot ask the user in the chat");

    /** Asks, and waits for the user's answer. */
    Answer ask(Staged message);

    sealed interface Answer permits Approved, Declined, Dismissed {}

    /** The user approved it, with {@code editedText} when they changed the text first. */
    record Approved(Optional<String> editedText) implements Answer {}

    /** The user said no: it is not sent. */
    record Declined() implements Answer {}

    /** No answer (dismissed, cancelled, failed): the message waits in the queue for a person. */
    record Dismissed(String why) implements Answer {}
}
