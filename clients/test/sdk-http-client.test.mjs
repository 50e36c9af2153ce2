// The jar's service (serve) driven over Streamable HTTP by the MCP TypeScript SDK's 2025 Client, the
// client LibreChat is built on, as librechat.yaml.example's sms-http entry configures it: a session
// opened with initialize, every tool called, and no connection without the token.
import { describeOverHttp } from '../over-http.mjs';
import { sdk2025 } from '../sdks.mjs';

describeOverHttp('MCP SDK client (LibreChat\'s) over Streamable HTTP to serve, sandbox', sdk2025);
