// What the client tests share: where the jar and java are, and how to run the Inspector CLI.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
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

/**
 * Runs the MCP Inspector in CLI mode and returns what it printed as JSON. The Inspector hands its
 * own environment to the server, so it gets the sandbox environment unless a test passes another.
 */
export async function inspector(args, env = sandboxEnvironment()) {
  const { stdout } = await promisify(execFile)(process.execPath, [inspectorCli, '--cli', ...args], {
    env,
    timeout: 90_000,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout);
}
