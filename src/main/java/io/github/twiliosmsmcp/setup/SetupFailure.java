package io.github.twiliosmsmcp.setup;

/** Something {@code setup} could not do, said in words the user can act on; nothing half-written is left. */
final class SetupFailure extends Exception {
    private static final long serialVersionUID = 1L;

    SetupFailure(String message) {
        super(message);
    }

    SetupFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
