// The jar's service (serve) driven over Streamable HTTP by the MCP TypeScript SDK's v2 client, pinned
// to protocol 2026-07-28: no session and no initialize, server/discover first, _meta on every
// request. Every tool is called, and there is no connection without the token.
import { describeOverHttp } from '../over-http.mjs';
import { sdk2026 } from '../sdks.mjs';

describeOverHttp('MCP SDK v2 client, pinned to 2026-07-28, over Streamable HTTP to serve, sandbox', sdk2026);
