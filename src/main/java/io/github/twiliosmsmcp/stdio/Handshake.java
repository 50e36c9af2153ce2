package io.github.twiliosmsmcp.stdio;

/**
 * Where the MCP handshake stands. The SDK holds every request it serves until it has seen both
 * {@code initialize} and {@code notifications/initialized}, so the stdio layer must know whether a
 * request would be held forever.
 */
enum Handshake {
    NOT_STARTED, INITIALIZING, DONE
}
