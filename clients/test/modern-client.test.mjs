// The jar driven by the MCP TypeScript SDK's v2 client (@modelcontextprotocol/client), pinned to
// protocol 2026-07-28: no initialize, server/discover first, _meta on every request. It fails
// against a server that speaks only the 2025 protocol. Every tool is called (every-tool.mjs).
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describeEveryTool } from '../every-tool.mjs';

describeEveryTool('MCP SDK v2 client, pinned to 2026-07-28, over stdio, sandbox', {
  Client,
  StdioClientTransport,
  clientOptions: { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  connected: (client) => assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28'),
});
