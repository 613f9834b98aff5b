// How long each bundle takes from process start to its first AWS request, against a bare `node`
// making the same first connection, measured in the same run; and the bundle sizes.
import { spawn } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../test/testbed/bed.ts';
import { type BenchRow, median, writeResults } from './support.js';

const ROUNDS = 7;

/** Minimal valid inputs that make each action's first step an AWS request. */
const ACTIONS: Record<string, Record<string, string>> = {
  'aws-identity': {},
  'ecs-task-definition': { 'task-definition-family': 'web' },
  'ecs-deploy': { service: 'web', 'task-definition': 'web:1' },
  'ecs-rollback': { service: 'web' },
  'ecs-run-task': { 'task-definition': 'web:1' },
  'iam-check': { run: 'account: "123456789012"\ndeploy: {cluster: c, service: web}' },
};

/** Starts `args` and resolves with the milliseconds until the first request reaches the server. */
async function firstRequest(
  args: string[],
  env: Record<string, string>,
  server: Server,
  hits: number[],
): Promise<number> {
  const before = hits.length;
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: 'ignore' });
  for (;;) {
    if (hits.length > before) {
      child.kill('SIGKILL');
      return (hits[before] ?? started) - started;
    }
    if (child.exitCode !== null)
      throw new Error(`${args.join(' ')} exited ${child.exitCode} before any request`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

it('bundle start: process start to first AWS request, per action, against bare node', async () => {
  const hits: number[] = [];
  const server = createServer((request, response) => {
    hits.push(performance.now());
    response.writeHead(500);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const scratch = mkdtempSync(join(tmpdir(), 'bench-start-'));
  const files = Object.fromEntries(
    ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'].map((name) => {
      const file = join(scratch, name);
      writeFileSync(file, '');
      return [name, file];
    }),
  );
  const env = (inputs: Record<string, string>) => ({
    PATH: process.env['PATH'] ?? '',
    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'AKIDBENCH',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_MAX_ATTEMPTS: '1',
    GITHUB_WORKSPACE: repoRoot,
    RUNNER_TEMP: scratch,
    ...files,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  });
  const bare: number[] = [];
  const rows: BenchRow[] = [];
  const results: Record<string, { medianMs: number; bytes: number }> = {};
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(
      await firstRequest(
        ['-e', `require('http').get('http://127.0.0.1:${port}/', () => {}).on('error', () => {})`],
        env({}),
        server,
        hits,
      ),
    );
  }
  const bareMedian = median(bare);
  for (const [action, inputs] of Object.entries(ACTIONS)) {
    const times: number[] = [];
    const bundle = join(repoRoot, 'dist', action, 'index.js');
    for (let round = 0; round < ROUNDS; round++)
      times.push(await firstRequest([bundle], env(inputs), server, hits));
    const value = median(times);
    results[action] = { medianMs: value, bytes: statSync(bundle).size };
    rows.push({
      figure: `${action}: start to first AWS request (median of ${ROUNDS}); bundle ${(statSync(bundle).size / 2 ** 20).toFixed(1)} MiB`,
      value: `${value.toFixed(0)} ms`,
      baseline: `bare node ${bareMedian.toFixed(0)} ms`,
      ratio: (value / bareMedian).toFixed(2),
      goal: '≤ 2.5',
    });
  }
  server.close();
  expect(rows).toHaveLength(Object.keys(ACTIONS).length);
  writeResults('bundle-start', { rows, bare, results });
});
