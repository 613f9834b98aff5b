// Starts and stops the test bed: moto with our deployment engine (test/testbed/py), on 127.0.0.1.
// Written with erasable TypeScript only, so Node 24 runs it directly (npm run testbed).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const cacheDir = join(repoRoot, '.cache');
export const venvBin = join(cacheDir, 'venv', 'bin');
export const stateFile = join(cacheDir, 'testbed', 'state.json');

export const TESTBED_REGION = 'eu-west-1';

export interface TestbedInfo {
  endpoint: string;
  pid: number;
  scale: number;
  startupSeconds: number;
  logFile: string;
}

/** The environment a process needs to use the test bed. */
export function testbedEnv(info: Pick<TestbedInfo, 'endpoint'>): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: info.endpoint,
    AWS_REGION: TESTBED_REGION,
    AWS_DEFAULT_REGION: TESTBED_REGION,
    AWS_ACCESS_KEY_ID: 'AKIATESTBED000000001',
    AWS_SECRET_ACCESS_KEY: 'testbed-secret-key',
    TESTBED_CONTROL_URL: `${info.endpoint}/_testbed`,
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === 'string') reject(new Error('no port'));
        else resolve(address.port);
      });
    });
  });
}

async function waitForFile(
  path: string,
  timeoutMs: number,
  child: ChildProcess,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (child.exitCode !== null) {
      throw new Error(
        `the test bed exited with code ${child.exitCode}:\n${readFileSync(logFile, 'utf8').slice(-3000)}`,
      );
    }
    if (Date.now() > deadline)
      throw new Error(`the test bed did not start within ${timeoutMs} ms (log: ${logFile})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface StartOptions {
  scale?: number;
  /** Keep running after this process exits (the CLI); tests stop what they start. */
  detached?: boolean;
}

/** Starts the test bed server; resolves once it listens. */
export async function startTestbed(
  options: StartOptions = {},
): Promise<TestbedInfo & { child: ChildProcess }> {
  const python = join(venvBin, 'python');
  if (!existsSync(python)) {
    throw new Error(`${python} is missing: run \`npm run setup\` to install the test bed.`);
  }
  const port = await freePort();
  const scale = options.scale ?? 60;
  const runDir = join(cacheDir, 'testbed', `run-${port}`);
  mkdirSync(runDir, { recursive: true });
  const readyFile = join(runDir, 'ready.json');
  const logFile = join(runDir, 'server.log');
  rmSync(readyFile, { force: true });
  const log = openSync(logFile, 'a');
  const started = Date.now();
  const child = spawn(
    python,
    [
      join(import.meta.dirname, 'py', 'tb_server.py'),
      '--port',
      String(port),
      '--scale',
      String(scale),
      '--ready-file',
      readyFile,
    ],
    {
      stdio: ['ignore', log, log],
      detached: options.detached === true,
      cwd: join(import.meta.dirname, 'py'),
    },
  );
  try {
    await waitForFile(readyFile, 60_000, child, logFile);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  if (options.detached === true) child.unref();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    pid: child.pid ?? -1,
    scale,
    startupSeconds: (Date.now() - started) / 1000,
    logFile,
    child,
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a test bed by pid and waits until it is gone. */
export async function stopTestbed(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (isAlive(pid) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}
