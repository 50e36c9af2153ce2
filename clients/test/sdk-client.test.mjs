// The jar driven by the MCP TypeScript SDK's 2025 Client over StdioClientTransport: the client
// LibreChat is built on. It opens a session with initialize; every tool is called (every-tool.mjs).
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describeEveryTool } from '../every-tool.mjs';

describeEveryTool('MCP SDK client (LibreChat\'s) over stdio, sandbox', {
  Client,
  StdioClientTransport,
  clientOptions: {},
  connected: (client) => assert.ok(client.getServerCapabilities().tools, 'a session with tools'),
});
