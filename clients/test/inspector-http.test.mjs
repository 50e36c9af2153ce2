// The MCP Inspector's CLI at its current major (2.x) against serve's /mcp, as a person checks a
// deployed service: the URL and the bearer token header. It lists the tools over the 2025 protocol
// (its default era) and calls send_sms over 2026-07-28; without the token it stops at the 401,
// never starting an interactive login.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertCleanLog, HTTP_TOKEN, inspector2, startService } from '../support.mjs';

const TOOLS = ['send_sms', 'send_mms', 'reply_to_sms', 'receive_sms', 'get_conversation', 'mark_sms_read',
  'get_sms_policy'];

describe('MCP Inspector 2.x CLI over Streamable HTTP to serve, sandbox', () => {
  let service;
  const withToken = () => [service.mcpUrl, '--header', `Authorization: Bearer ${HTTP_TOKEN}`];

  before(async () => {
    service = await startService();
  });

  after(async () => {
    await service?.stop();
  });

  it('lists the seven tools', async () => {
    const { result } = await inspector2([...withToken(), '--method', 'tools/list']);
    assert.deepEqual(result.tools.map((t) => t.name), TOOLS);
  });

  it('sends an SMS over protocol 2026-07-28 and gets the [FINAL] answer', async () => {
    const { result } = await inspector2([...withToken(), '--protocol-era', 'modern', '--method', 'tools/call',
      '--tool-name', 'send_sms', '--tool-arg', 'to=+14155552671', '--tool-arg', 'message=hi']);
    assert.match(result.content[0].text, /^\[FINAL\] SANDBOX: nothing was sent\. SMS delivered to \+14155552671\./);
    assert.equal(result.isError, false);
    assert.equal(result.structuredContent.outcome, 'delivered');
    assert.match(result.structuredContent.sid, /^SM[0-9a-f]{32}$/);
    // Only a 2026-07-28 answer names the server in its _meta.
    assert.equal(result._meta['io.modelcontextprotocol/serverInfo'].name, 'twilio-sms-mcp');
  });

  it('without the token: refused, the 401 reported as auth_required', async () => {
    await assert.rejects(inspector2([service.mcpUrl, '--stored-auth-only', '--method', 'tools/list']), (error) => {
      assert.equal(error.code, 3, error.stderr);
      assert.equal(JSON.parse(error.stderr).error.code, 'auth_required');
      return true;
    });
  });

  it('logged no error and never the token', () => {
    assertCleanLog(service);
  });
});
