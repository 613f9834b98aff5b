import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';
import { DOCKER_CLI } from '../test/testbed/bed.ts';
import { TestbedControl } from '../test/testbed/client.ts';
import { emulatorEnv } from '../test/support/aws-env.js';
import { appWorkspace, pushToMainEnv } from '../test/support/build-context.js';
import { runBundle } from '../test/support/bundle.js';
import { docker } from '../test/support/docker.js';
import { uniqueName } from '../test/support/ecs-fixtures.js';
import { median, writeResults } from './support.js';

const ROUNDS = 5;

it.runIf(inject('testbed') && inject('dockerHost') !== null)(
  'ecr-build-push: a second run with no change against the first (wall time, bytes pushed), through the bundle',
  async () => {
    const control = new TestbedControl(inject('awsEndpoint'));
    const dockerHost = inject('dockerHost') ?? '';
    const rounds: {
      first: number;
      second: number;
      pruned: number;
      firstBytes: number;
      secondBytes: number;
      prunedBytes: number;
    }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const workspace = appWorkspace('bench', { nonce: uniqueName('bench') });
      const repository = uniqueName('bench');
      const env = {
        ...emulatorEnv(),
        ...pushToMainEnv(workspace),
        DOCKER_HOST: dockerHost,
        RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'bench-')),
      };
      const inputs = {
        repository,
        'create-repository': 'true',
        'build-secrets': 'token=s3cret',
        'docker-cli': DOCKER_CLI,
        'build-network': 'none',
      };
      const measure = async () => {
        const mark = await control.mark();
        const started = performance.now();
        const run = await runBundle('ecr-build-push', { env, inputs, timeoutMs: 300_000 });
        const wall = performance.now() - started;
        expect(run.exitCode, run.stdout).toBe(0);
        const bytes = (await control.journal(mark))
          .filter(
            (e) =>
              e.kind === 'registry' &&
              e['repository'] === repository &&
              ['PUT', 'PATCH', 'POST'].includes(String(e['method'])),
          )
          .reduce((sum, e) => sum + Number(e['bytes'] ?? 0), 0);
        return { wall, bytes, uri: run.outputs['repository-uri'] ?? '' };
      };
      const first = await measure();
      const second = await measure();
      const config = mkdtempSync(join(tmpdir(), 'cfg-'));
      await docker(
        [
          'image',
          'rm',
          '--force',
          `${first.uri}:sha-a1b2c3d`,
          `${first.uri}:main`,
          `${first.uri}:latest`,
        ],
        { host: dockerHost, config },
      );
      await docker(['builder', 'prune', '--all', '--force'], { host: dockerHost, config });
      const pruned = await measure();
      rounds.push({
        first: first.wall,
        second: second.wall,
        pruned: pruned.wall,
        firstBytes: first.bytes,
        secondBytes: second.bytes,
        prunedBytes: pruned.bytes,
      });
    }
    const first = median(rounds.map((r) => r.first));
    const second = median(rounds.map((r) => r.second));
    const pruned = median(rounds.map((r) => r.pruned));
    const ms = (value: number) => `${(value / 1000).toFixed(2)} s`;
    writeResults('build-push', {
      rounds,
      rows: [
        {
          figure: 'wall time, second run with no change (median)',
          value: ms(second),
          baseline: `first run ${ms(first)}`,
          ratio: (second / first).toFixed(2),
          goal: '< 1',
        },
        {
          figure: 'wall time, after pruning local images and build cache',
          value: ms(pruned),
          baseline: `first run ${ms(first)}`,
          ratio: (pruned / first).toFixed(2),
          goal: '< 1',
        },
        {
          figure: 'bytes pushed, second run',
          value: String(Math.max(...rounds.map((r) => r.secondBytes))),
          baseline: `first run ${median(rounds.map((r) => r.firstBytes))}`,
          ratio: '—',
          goal: '0',
        },
        {
          figure: 'bytes pushed, after pruning',
          value: String(Math.max(...rounds.map((r) => r.prunedBytes))),
          baseline: `first run ${median(rounds.map((r) => r.firstBytes))}`,
          ratio: '—',
          goal: '0',
        },
      ],
    });
    expect(rounds.every((r) => r.secondBytes === 0 && r.prunedBytes === 0)).toBe(true);
  },
);
