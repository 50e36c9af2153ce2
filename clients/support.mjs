// What the client tests share: where the jar and java are, how to run the Inspector CLI, and the
// jar's always-on service (serve) to reach over HTTP.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));

export const repository = resolve(here, '..');

/** The shaded jar that `mvn -B verify` (or `mvn -B package`) builds; the tests build nothing. */
export function jar() {
  const path = join(repository, 'target', 'twilio-sms-mcp.jar');
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: build it first with mvn -B package -DskipTests`);
  }
  return path;
}

/** The absolute path of java, as LibreChat and Claude Desktop need it: JAVA_HOME's, else the one on PATH. */
export function java() {
  const candidates = process.env.JAVA_HOME ? [join(process.env.JAVA_HOME, 'bin', 'java')] : [];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    candidates.push(join(dir, 'java'));
  }
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return realpathSync(candidate);
    } catch {
      // not this one
    }
  }
  throw new Error('no java found on JAVA_HOME or PATH');
}

/** This process's environment without any Twilio or SMS setting, so that a server started with it is the sandbox. */
export function sandboxEnvironment() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(TWILIO|SMS)_/.test(name)));
}

const inspectorCli = join(here, 'node_modules', '@modelcontextprotocol', 'inspector', 'cli', 'build', 'cli.js');
const inspector2Cli = join(here, 'node_modules', 'inspector-v2', 'clients', 'cli', 'build', 'index.js');

/** Runs `cli` with node and returns what it printed as JSON; a non-zero exit rejects with its code, stdout and stderr. */
async function runCli(cli, args, env) {
  const { stdout } = await promisify(execFile)(process.execPath, [cli, ...args], {
    env,
    timeout: 90_000,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout);
}

/**
 * Runs the MCP Inspector in CLI mode and returns what it printed as JSON. The Inspector hands its
 * own environment to the server, so it gets the sandbox environment unless a test passes another.
 */
export function inspector(args, env = sandboxEnvironment()) {
  return runCli(inspectorCli, ['--cli', ...args], env);
}

/**
 * Runs the MCP Inspector 2.x CLI (`inspector-v2` in package.json) with `--format json` and returns
 * its JSON: `{ result }`. A failure rejects with the exit code and the `{ error }` on stderr. Its
 * home is a folder of its own, removed after: it keeps a catalog and client settings there.
 */
export async function inspector2(args) {
  const home = mkdtempSync(join(tmpdir(), 'inspector-home-'));
  try {
    return await runCli(inspector2Cli, [...args, '--format', 'json'], { ...sandboxEnvironment(), HOME: home });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The bearer token the tests' services are started with: a test value, 16 characters or more as serve requires. */
export const HTTP_TOKEN = 'client-test-token-not-a-secret';

/** A port nothing listens on now, on loopback. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Settles with `promise`, or fails with `what` after `ms`: a deadline, never a fixed pause. */
function within(ms, what, promise) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no sign within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * `java -jar twilio-sms-mcp.jar serve` as the sandbox (its database in memory) on a free loopback
 * port with HTTP_TOKEN and the settings in `env`, resolved once it listens. `log()` is what it wrote;
 * `stop()` sends SIGTERM, as systemd stops it, and resolves with how it exited.
 */
export async function startService(env = {}) {
  const port = await freePort();
  const child = spawn(java(), ['-Xlog:disable', '-Xlog:all=warning:stderr', '-jar', jar(), 'serve'], {
    env: { ...sandboxEnvironment(), SMS_HTTP_ADDRESS: `127.0.0.1:${port}`, SMS_HTTP_TOKEN: HTTP_TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const listening = new Promise((resolve, reject) => {
    const read = (chunk) => {
      output.push(chunk.toString());
      if (output.join('').includes(' serving on ')) {
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    exited.then(({ code, signal }) => reject(new Error(`serve ended at start (${code ?? signal}):\n${output.join('')}`)));
  });
  const log = () => output.join('');
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
    }
    return within(30_000, 'serve stops on SIGTERM', exited);
  };
  try {
    await within(60_000, 'serve listens', listening);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { baseUrl: `http://127.0.0.1:${port}`, mcpUrl: `http://127.0.0.1:${port}/mcp`, log, stop };
}

/** What a service must never have logged, whatever the test did: an error, or the token. */
export function assertCleanLog(service) {
  assert.doesNotMatch(service.log(), / ERROR /);
  assert.ok(!service.log().includes(HTTP_TOKEN), 'the token reached the log');
}
