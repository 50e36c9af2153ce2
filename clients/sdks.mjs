// The two MCP TypeScript SDK clients the tests drive: the 2025-era one LibreChat is built on
// (@modelcontextprotocol/sdk) and the v2 one pinned to protocol 2026-07-28 (@modelcontextprotocol/client),
// each with its transports, its options, what a connection it made must show, and how it reports
// an HTTP refusal.
import assert from 'node:assert/strict';
import { Client as Client2026, StreamableHTTPClientTransport as Http2026 } from '@modelcontextprotocol/client';
import { StdioClientTransport as Stdio2026 } from '@modelcontextprotocol/client/stdio';
import { Client as Client2025 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as Stdio2025 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as Http2025 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export const sdk2025 = {
  Client: Client2025,
  StdioClientTransport: Stdio2025,
  StreamableHTTPClientTransport: Http2025,
  clientOptions: {},
  connected: (client) => assert.ok(client.getServerCapabilities().tools, 'a session with tools'),
  httpStatus: (error) => error.code,
};

// It sends no initialize, calls server/discover first and puts _meta on every request; it fails
// against a server that speaks only the 2025 protocol.
export const sdk2026 = {
  Client: Client2026,
  StdioClientTransport: Stdio2026,
  StreamableHTTPClientTransport: Http2026,
  clientOptions: { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  connected: (client) => assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28'),
  httpStatus: (error) => error.status,
};
