// The MCP Inspector's CLI against the jar: once started on the command line, once through
// claude_desktop_config.example.json, read the way the Inspector reads Claude Desktop's file.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { inspector, jar, java, repository } from '../support.mjs';

const TOOLS = ['send_sms', 'send_mms', 'reply_to_sms', 'receive_sms', 'get_conversation', 'mark_sms_read',
  'get_sms_policy'];
const server = () => [java(), '-Xlog:disable', '-Xlog:all=warning:stderr', '-jar', jar()];

describe('MCP Inspector CLI, server on the command line', () => {
  it('lists the seven tools', async () => {
    const listed = await inspector([...server(), '--method', 'tools/list']);
    assert.deepEqual(listed.tools.map((t) => t.name), TOOLS);
  });

  it('sends an SMS in the sandbox and gets the [FINAL] answer', async () => {
    const result = await inspector([...server(), '--method', 'tools/call', '--tool-name', 'send_sms',
      '--tool-arg', 'to=+14155552671', '--tool-arg', 'message=hi']);
    const text = result.content[0].text;
    assert.match(text, /^\[FINAL\] SANDBOX: nothing was sent\. SMS delivered to \+14155552671\./);
    assert.match(text, /Do not send this message again/);
    assert.equal(result.isError, false);
    assert.equal(result.structuredContent.outcome, 'delivered');
    assert.equal(result.structuredContent.sandbox, true);
    assert.match(result.structuredContent.sid, /^SM[0-9a-f]{32}$/);
  });
});

describe('MCP Inspector CLI, server from claude_desktop_config.example.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claude-config-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The example with its java and jar paths pointed at real ones, everything else as written. */
  function config() {
    const example = JSON.parse(readFileSync(join(repository, 'claude_desktop_config.example.json'), 'utf8'));
    const sms = example.mcpServers.sms;
    assert.ok(sms.args.some((a) => a.endsWith('twilio-sms-mcp.jar')), 'the example names the jar');
    sms.command = java();
    sms.args = sms.args.map((a) => (a.endsWith('twilio-sms-mcp.jar') ? jar() : a));
    const file = join(dir, 'claude_desktop_config.json');
    writeFileSync(file, JSON.stringify(example, null, 2));
    return file;
  }

  it('starts the server it describes and lists the seven tools', async () => {
    const listed = await inspector(['--config', config(), '--server', 'sms', '--method', 'tools/list']);
    assert.deepEqual(listed.tools.map((t) => t.name), TOOLS);
  });

  it('passes the example\'s env: its placeholder values make every send a configuration answer', async () => {
    const result = await inspector(['--config', config(), '--server', 'sms', '--method', 'tools/call',
      '--tool-name', 'send_sms', '--tool-arg', 'to=+14155552671', '--tool-arg', 'message=hi']);
    const text = result.content[0].text;
    assert.match(text, /^\[FINAL\] SMS NOT sent/);
    assert.match(text, /TWILIO_ACCOUNT_SID must be AC followed by 32 hexadecimal characters/);
    assert.equal(result.structuredContent.outcome, 'not_configured');
  });
});
