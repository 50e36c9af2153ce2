// The jar driven by the MCP TypeScript SDK's v2 client (@modelcontextprotocol/client), pinned to
// protocol 2026-07-28: no initialize, server/discover first, _meta on every request. It fails
// against a server that speaks only the 2025 protocol. Every tool is called (every-tool.mjs).
import { describeEveryTool, overStdio } from '../every-tool.mjs';
import { sdk2026 } from '../sdks.mjs';

describeEveryTool('MCP SDK v2 client, pinned to 2026-07-28, over stdio, sandbox', {
  ...sdk2026,
  server: overStdio(sdk2026.StdioClientTransport),
});
