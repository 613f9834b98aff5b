// Starts and stops the test bed: moto with our deployment engine (test/testbed/py), on 127.0.0.1.
// Written with erasable TypeScript only, so Node 24 runs it directly (npm run testbed).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
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
  /** Registry host per region (127.0.0.N:port), when docker-registry is installed. */
  registry: Record<string, string> | null;
  /** The Docker engine the test bed uses: DOCKER_HOST, and the pid when the test bed started it. */
  docker: { host: string; pid: number | null } | null;
  /**
   * A BuildKit daemon for buildx's remote driver (the builder a setup-buildx-action step gives),
   * when setup built it: its address, and the pid when the test bed started it.
   */
  buildkit: { address: string; pid: number | null } | null;
}

/** The environment a process needs to use the test bed. */
export function testbedEnv(
  info: Pick<TestbedInfo, 'endpoint' | 'registry' | 'docker'>,
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: info.endpoint,
    AWS_REGION: TESTBED_REGION,
    AWS_DEFAULT_REGION: TESTBED_REGION,
    AWS_ACCESS_KEY_ID: 'AKIATESTBED000000001',
    AWS_SECRET_ACCESS_KEY: 'testbed-secret-key',
    TESTBED_CONTROL_URL: `${info.endpoint}/_testbed`,
    ...(info.registry === null ? {} : { TESTBED_REGISTRY: info.registry[TESTBED_REGION] ?? '' }),
    ...(info.docker === null ? {} : { DOCKER_HOST: info.docker.host }),
  };
}

const DOCKERD = '/usr/sbin/dockerd';
/** Debian's docker CLI (20.10) can run BuildKit; /usr/local/bin/docker here cannot. */
export const DOCKER_CLI = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';

function dockerAnswers(host: string): boolean {
  const result = spawnSync(DOCKER_CLI, ['-H', host, 'version', '--format', '{{.Server.Version}}'], {
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 10_000,
  });
  return result.status === 0;
}

/**
 * A Docker engine for builds and real-container tasks: the one DOCKER_HOST (or the default
 * socket) names when it answers, else one started here with its data under .cache/docker, no
 * bridge network and no iptables (containers run with --network none).
 */
export async function ensureDocker(): Promise<{ host: string; pid: number | null } | null> {
  const candidates = [process.env['DOCKER_HOST'], 'unix:///var/run/docker.sock'].filter(
    (host): host is string => host !== undefined && host !== '',
  );
  for (const host of candidates) if (dockerAnswers(host)) return { host, pid: null };
  if (!existsSync(DOCKERD)) return null;
  const dir = join(cacheDir, 'docker');
  mkdirSync(dir, { recursive: true });
  const socket = join(dir, 'docker.sock');
  const host = `unix://${socket}`;
  // An engine already on our socket belongs to whoever started it: use it, never stop it.
  if (dockerAnswers(host)) return { host, pid: null };
  const log = openSync(join(dir, 'dockerd.log'), 'a');
  const child = spawn(
    DOCKERD,
    [
      '--data-root',
      join(dir, 'data'),
      '--exec-root',
      join(dir, 'exec'),
      '-H',
      host,
      '--pidfile',
      join(dir, 'docker.pid'),
      '--bridge=none',
      '--iptables=false',
    ],
    { stdio: ['ignore', log, log], detached: true },
  );
  child.unref();
  const deadline = Date.now() + 30_000;
  while (!dockerAnswers(host)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`dockerd did not start (see ${join(dir, 'dockerd.log')})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { host, pid: child.pid ?? null };
}

export const BUILDKITD = join(cacheDir, 'bin', 'buildkitd');

function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (!existsSync(path)) {
      resolve(false);
      return;
    }
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

/**
 * buildkitd (built by setup from the Go module proxy) on a unix socket under .cache/buildkit,
 * with host networking (there is no bridge here) and the native snapshotter; reused when one
 * already answers there. Null when it was not built.
 */
export async function ensureBuildkitd(): Promise<{ address: string; pid: number | null } | null> {
  if (!existsSync(BUILDKITD)) return null;
  const dir = join(cacheDir, 'buildkit');
  mkdirSync(dir, { recursive: true });
  const socket = join(dir, 'buildkitd.sock');
  const address = `unix://${socket}`;
  if (await socketAnswers(socket)) return { address, pid: null };
  rmSync(socket, { force: true });
  const log = openSync(join(dir, 'buildkitd.log'), 'a');
  const child = spawn(
    BUILDKITD,
    [
      '--root',
      join(dir, 'root'),
      '--addr',
      address,
      '--oci-worker-net',
      'host',
      '--oci-worker-snapshotter',
      'native',
    ],
    { stdio: ['ignore', log, log], detached: true },
  );
  child.unref();
  const deadline = Date.now() + 30_000;
  while (!(await socketAnswers(socket))) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`buildkitd did not start (see ${join(dir, 'buildkitd.log')})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { address, pid: child.pid ?? null };
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
  /** Start or reuse a Docker engine (default true when dockerd is installed). */
  docker?: boolean;
  /** Start or reuse buildkitd (default: with the engine, when setup built it). */
  buildkit?: boolean;
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
  const docker = options.docker === false ? null : await ensureDocker();
  const buildkit = docker === null || options.buildkit === false ? null : await ensureBuildkitd();
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
      '--run-dir',
      runDir,
      // IAM decisions by @cloud-copilot/iam-simulate (a dev dependency) when it is installed.
      ...(existsSync(join(repoRoot, 'node_modules', '@cloud-copilot', 'iam-simulate'))
        ? ['--iam-oracle', process.execPath]
        : []),
    ],
    {
      stdio: ['ignore', log, log],
      detached: options.detached === true,
      cwd: join(import.meta.dirname, 'py'),
      env: { ...process.env, ...(docker === null ? {} : { DOCKER_HOST: docker.host, DOCKER_CLI }) },
    },
  );
  try {
    await waitForFile(readyFile, 60_000, child, logFile);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  if (options.detached === true) child.unref();
  const ready = JSON.parse(readFileSync(readyFile, 'utf8')) as {
    registry: Record<string, string> | null;
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    registry: ready.registry,
    docker,
    buildkit,
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

async function stopProcess(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 15_000;
  while (isAlive(pid) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Stops a test bed, and the Docker engine and buildkitd when the test bed started them. */
export async function stopTestbed(
  info: Pick<TestbedInfo, 'pid' | 'docker' | 'buildkit'>,
): Promise<void> {
  await stopProcess(info.pid);
  if (info.buildkit?.pid !== null && info.buildkit?.pid !== undefined)
    await stopProcess(info.buildkit.pid);
  if (info.docker?.pid !== null && info.docker?.pid !== undefined)
    await stopProcess(info.docker.pid);
}
