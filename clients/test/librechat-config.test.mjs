// librechat.yaml.example checked by LibreChat's own config schema (librechat-data-provider), as
// LibreChat checks librechat.yaml when it starts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Constants, configSchema, MCPServersSchema } from 'librechat-data-provider';
import { parse } from 'yaml';
import { repository } from '../support.mjs';

const example = parse(readFileSync(join(repository, 'librechat.yaml.example'), 'utf8'));

/** The issues as one readable line, for a failure message. */
const issues = (result) => (result.success ? '' : JSON.stringify(result.error.issues));

describe('librechat.yaml.example', () => {
  it('holds the stdio server, sms, and the same over HTTP, sms-http, and nothing else', () => {
    assert.deepEqual(Object.keys(example), ['mcpServers']);
    assert.deepEqual(Object.keys(example.mcpServers), ['sms', 'sms-http']);
    assert.equal(example.mcpServers.sms.type, 'stdio');
    assert.equal(example.mcpServers['sms-http'].type, 'streamable-http');
    assert.match(example.mcpServers['sms-http'].url, /^http:\/\/host\.docker\.internal:8787\/mcp$/);
    assert.equal(example.mcpServers['sms-http'].headers.Authorization, 'Bearer ${SMS_MCP_TOKEN}');
  });

  it('passes LibreChat\'s schema for mcpServers, keeping every setting it gives', () => {
    const result = MCPServersSchema.safeParse(example.mcpServers);
    assert.ok(result.success, issues(result));
    // The schema drops keys it does not know, so a misspelt setting would pass silently: compare.
    assert.deepEqual(result.data, example.mcpServers);
  });

  it('passes LibreChat\'s schema for the whole file once merged into a minimal librechat.yaml', () => {
    // The example is meant to be merged into an existing librechat.yaml, which always has a version.
    const result = configSchema.safeParse({ version: Constants.CONFIG_VERSION, ...example });
    assert.ok(result.success, issues(result));
    assert.deepEqual(result.data.mcpServers, example.mcpServers);
  });

  it('is refused by the same schema when a setting has the wrong type, so the check has teeth', () => {
    const broken = { sms: { ...example.mcpServers.sms, args: '-jar twilio-sms-mcp.jar', timeout: '60s' } };
    assert.equal(MCPServersSchema.safeParse(broken).success, false);
    const brokenHttp = { 'sms-http': { ...example.mcpServers['sms-http'], headers: 'Authorization: Bearer x' } };
    assert.equal(MCPServersSchema.safeParse(brokenHttp).success, false);
  });
});
