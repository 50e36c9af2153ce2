package io.github.twiliosmsmcp.stdio;

/** The two generations of the MCP protocol this server speaks, each served by its own SDK server. */
enum Era {
    /** 2025-06-18 and 2025-11-25: a session opened by {@code initialize}, then requests. */
    SESSION,
    /**
     * 2026-07-28: no session; each request names its protocol version in
     * {@code params._meta["io.modelcontextprotocol/protocolVersion"]}.
     */
    STATELESS
}
