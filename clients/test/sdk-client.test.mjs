// The jar driven by the MCP TypeScript SDK's 2025 Client over StdioClientTransport: the client
// LibreChat is built on. It opens a session with initialize; every tool is called (every-tool.mjs).
import { describeEveryTool, overStdio } from '../every-tool.mjs';
import { sdk2025 } from '../sdks.mjs';

describeEveryTool('MCP SDK client (LibreChat\'s) over stdio, sandbox', {
  ...sdk2025,
  server: overStdio(sdk2025.StdioClientTransport),
});
