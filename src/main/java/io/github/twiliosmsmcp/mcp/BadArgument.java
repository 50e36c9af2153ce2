package io.github.twiliosmsmcp.mcp;

/** An argument the model got wrong; the message says which and how to write it. */
final class BadArgument extends Exception {
    BadArgument(String message) {
        super(message, null, false, false);
    }
}
