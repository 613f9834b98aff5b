// How long each bundle takes to start, measured in one run against baselines from the same run:
// - to a bad input (the step fails on its inputs), against a bare `node -e 0`;
// - to its first AWS request, against a minimal bundle built here with ncc that holds only
//   @actions/core and the SDK client that first request uses (the floor any action can reach).
// Every run is cold: a new process, no compile cache a fresh runner would not have.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../test/testbed/bed.ts';
import { type BenchRow, median, writeResults } from './support.js';

const ROUNDS = Number(process.env['BENCH_START_ROUNDS'] ?? 15);

type FirstClient = 'ecs' | 'sts';
/** Minimal valid inputs that make each action's first step an AWS request, and that request's client. */
const ACTIONS: Record<string, { inputs: Record<string, string>; first: FirstClient }> = {
  'aws-identity': { inputs: {}, first: 'sts' },
  'ecs-task-definition': { inputs: { 'task-definition-family': 'web' }, first: 'ecs' },
  'ecs-deploy': { inputs: { service: 'web', 'task-definition': 'web:1' }, first: 'ecs' },
  'ecs-rollback': { inputs: { service: 'web' }, first: 'ecs' },
  'ecs-run-task': { inputs: { 'task-definition': 'web:1' }, first: 'ecs' },
  'iam-check': {
    inputs: { run: 'deploy: {cluster: c, service: web}' },
    first: 'sts',
  },
};
/** A missing or bad input per action (every bundle, ecr-build-push included). */
const BAD_INPUTS: Record<string, Record<string, string>> = {
  'aws-identity': { 'aws-region': 'not a region' },
  'ecr-build-push': {},
  'ecs-task-definition': {},
  'ecs-deploy': {},
  'ecs-rollback': {},
  'ecs-run-task': {},
  'iam-check': {},
};
const MINIMAL: Record<FirstClient, string> = {
  ecs: `import * as core from '@actions/core';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
const service = core.getInput('service') || 'web';
try { await new ECSClient({}).send(new DescribeServicesCommand({ services: [service] })); } catch (error) { core.setFailed(String(error)); }
`,
  sts: `import * as core from '@actions/core';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
core.getInput('aws-region');
try { await new STSClient({}).send(new GetCallerIdentityCommand({})); } catch (error) { core.setFailed(String(error)); }
`,
};

/** Builds the minimal bundles with the project's ncc, as scripts/build.mjs builds the actions. */
function buildMinimal(): Record<FirstClient, string> {
  // Inside the repository, so that ncc resolves the same node_modules.
  const work = join(repoRoot, 'bench', 'results', 'tmp', 'minimal');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const ncc = join(repoRoot, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
  const built = {} as Record<FirstClient, string>;
  for (const [client, source] of Object.entries(MINIMAL) as [FirstClient, string][]) {
    const entry = join(work, `${client}.mjs`);
    writeFileSync(entry, source);
    const out = join(work, client);
    execFileSync(
      process.execPath,
      [ncc, 'build', entry, '--out', out, '--minify', '--target', 'es2023', '--quiet'],
      { stdio: 'ignore' },
    );
    built[client] = join(out, 'index.mjs');
  }
  return built;
}

const bytesOf = (directory: string) =>
  readdirSync(directory)
    .filter((file) => file.endsWith('.js') || file.endsWith('.mjs'))
    .reduce((sum, file) => sum + statSync(join(directory, file)).size, 0);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

/** Starts `args` and resolves with the milliseconds until the first request reaches the server. */
async function firstRequest(
  args: string[],
  env: Record<string, string>,
  hits: { at: number; operation: string }[],
): Promise<{ ms: number; operation: string }> {
  const before = hits.length;
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: 'ignore' });
  for (;;) {
    const hit = hits[before];
    if (hit !== undefined) {
      child.kill('SIGKILL');
      return { ms: hit.at - started, operation: hit.operation };
    }
    if (child.exitCode !== null)
      throw new Error(`${args.join(' ')} exited ${child.exitCode} before any request`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** Starts `args` and resolves with the milliseconds to its exit, its exit code and its stdout. */
function toExit(
  args: string[],
  env: Record<string, string>,
): Promise<{ ms: number; code: number | null; stdout: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      resolve({ ms: performance.now() - started, code, stdout });
    }),
  );
}

it('bundle start: to a bad input against bare node, to the first AWS request against a minimal bundle', async () => {
  const hits: { at: number; operation: string }[] = [];
  const server = createServer((request, response) => {
    const at = performance.now();
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const target = request.headers['x-amz-target'];
      const operation =
        typeof target === 'string'
          ? (target.split('.').at(-1) ?? target)
          : (new URLSearchParams(body).get('Action') ?? request.url ?? '?');
      hits.push({ at, operation });
      response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const scratch = mkdtempSync(join(tmpdir(), 'bench-start-'));
  const env = (inputs: Record<string, string>) => {
    const files = Object.fromEntries(
      ['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'].map((name) => {
        const file = join(scratch, name);
        writeFileSync(file, '');
        return [name, file];
      }),
    );
    return {
      PATH: process.env['PATH'] ?? '',
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDBENCH',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_MAX_ATTEMPTS: '1',
      GITHUB_WORKSPACE: repoRoot,
      RUNNER_TEMP: scratch,
      ...files,
      ...Object.fromEntries(
        Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]),
      ),
    };
  };
  const rows: BenchRow[] = [];
  const results: Record<string, unknown> = {};

  // To a bad input, against bare node; rounds interleaved so that both see the same machine.
  const bare: number[] = [];
  const bad: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    bare.push((await toExit(['-e', '0'], env({}))).ms);
    for (const [action, inputs] of Object.entries(BAD_INPUTS)) {
      const run = await toExit([join(repoRoot, 'dist', action, 'index.js')], env(inputs));
      expect(run.code, `${action} with a bad input exits 1`).toBe(1);
      expect(run.stdout, `${action} prints the error as a workflow command`).toMatch(/^::error::/m);
      (bad[action] ??= []).push(run.ms);
    }
  }
  const bareMedian = median(bare);
  for (const [action, times] of Object.entries(bad)) {
    const value = median(times);
    results[`${action}:bad-input`] = { medianMs: value, times };
    rows.push({
      figure: `${action}: start to a failed bad input (median of ${ROUNDS})`,
      value: `${value.toFixed(0)} ms`,
      baseline: `bare node -e 0: ${bareMedian.toFixed(0)} ms`,
      ratio: (value / bareMedian).toFixed(2),
      goal: '≤ 2.5',
    });
  }

  // To the first AWS request, against the minimal bundle of the same client; interleaved too.
  const minimal = buildMinimal();
  const floor: Record<FirstClient, number[]> = { ecs: [], sts: [] };
  const first: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const client of Object.keys(minimal) as FirstClient[])
      floor[client].push((await firstRequest([minimal[client]], env({ service: 'web' }), hits)).ms);
    for (const [action, { inputs, first: client }] of Object.entries(ACTIONS)) {
      const hit = await firstRequest(
        [join(repoRoot, 'dist', action, 'index.js')],
        env(inputs),
        hits,
      );
      // The minimal bundle's client is the one this action's first request uses.
      expect(
        client === 'sts' ? hit.operation === 'GetCallerIdentity' : hit.operation.length > 0,
      ).toBe(true);
      (first[action] ??= []).push(hit.ms);
    }
  }
  for (const [action, times] of Object.entries(first)) {
    const client = ACTIONS[action]?.first ?? 'ecs';
    const value = median(times);
    const base = median(floor[client]);
    const directory = join(repoRoot, 'dist', action);
    const entryBytes = statSync(join(directory, 'index.js')).size;
    results[`${action}:first-request`] = {
      medianMs: value,
      times,
      minimalMs: base,
      entryBytes,
      bundleBytes: bytesOf(directory),
    };
    rows.push({
      figure: `${action}: start to first AWS request (median of ${ROUNDS}); entry ${mib(entryBytes)}, bundle ${mib(bytesOf(directory))} in all`,
      value: `${value.toFixed(0)} ms`,
      baseline: `minimal bundle (@actions/core + ${client === 'ecs' ? '@aws-sdk/client-ecs' : '@aws-sdk/client-sts'}, ${mib(statSync(minimal[client]).size)}): ${base.toFixed(0)} ms`,
      ratio: (value / base).toFixed(2),
      goal: '≤ 1.2',
    });
  }
  server.close();
  rmSync(join(repoRoot, 'bench', 'results', 'tmp'), { recursive: true, force: true });
  expect(rows).toHaveLength(Object.keys(BAD_INPUTS).length + Object.keys(ACTIONS).length);
  writeResults('bundle-start', {
    rows,
    bare,
    minimal: { ecs: floor.ecs, sts: floor.sts },
    results,
  });
});
