// ecr-build-push on each builder set-up runners have (test/support/runners.ts), through the
// bundle: a first run, a second run with no change, and a rebuild after pruning every local
// image and all build cache, with the registry cache and without it. Bytes pushed are the
// registry writes the test bed journals; wall time is the bundle's, process start to exit.
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
import {
  RUNNER_DOCKER_CLI,
  builderVersions,
  hasSystemBuildx,
  homeWithBuildkitBuilder,
  stockRunnerHome,
} from '../test/support/runners.js';
import { type BenchRow, median, writeResults } from './support.js';

const ROUNDS = 3;

interface Setup {
  name: string;
  /** A runner of this kind: its Docker CLI, environment, inputs, and how to prune everything local. */
  make: () => Promise<{
    cli: string;
    env: Record<string, string>;
    inputs: Record<string, string>;
    prune: (uri: string) => Promise<void>;
  }>;
  /** Whether the rebuild after pruning reuses the registry's layers and pushes nothing. */
  prunedPushesNothing: boolean;
}

const dockerHost = inject('dockerHost') ?? '';
const buildkitAddress = inject('buildkitAddress');

/** Removes the engine's copies of the image's tags and all of the engine's build cache. */
async function pruneEngine(uri: string): Promise<void> {
  const config = mkdtempSync(join(tmpdir(), 'cfg-'));
  const tags = ['sha-a1b2c3d', 'main', 'latest'].map((tag) => `${uri}:${tag}`);
  await docker(['image', 'rm', '--force', ...tags], { host: dockerHost, config });
  await docker(['builder', 'prune', '--all', '--force'], { host: dockerHost, config });
}

function buildkitSetup(registryCache: boolean): Setup['make'] {
  return async () => {
    const setup = await homeWithBuildkitBuilder(dockerHost, buildkitAddress ?? '');
    return {
      cli: RUNNER_DOCKER_CLI,
      env: setup.env,
      inputs: { 'registry-cache': String(registryCache) },
      prune: setup.prune,
    };
  };
}

const setups: Setup[] = [
  {
    name: 'stock runner (buildx, docker driver; inline cache)',
    make: () =>
      Promise.resolve({
        cli: RUNNER_DOCKER_CLI,
        env: { HOME: stockRunnerHome() },
        inputs: { 'build-network': 'none' },
        prune: pruneEngine,
      }),
    prunedPushesNothing: true,
  },
  {
    name: 'setup-buildx-action builder (buildkitd; registry cache)',
    make: buildkitSetup(true),
    prunedPushesNothing: true,
  },
  {
    name: 'setup-buildx-action builder (buildkitd; registry-cache: false)',
    make: buildkitSetup(false),
    // Without any cache, BuildKit writes new timestamps: a new digest, pushed.
    prunedPushesNothing: false,
  },
  {
    name: 'docker build with BuildKit (builder: engine; inline cache)',
    make: () =>
      Promise.resolve({
        cli: DOCKER_CLI,
        env: { HOME: stockRunnerHome() },
        inputs: { builder: 'engine', 'build-network': 'none' },
        prune: pruneEngine,
      }),
    prunedPushesNothing: true,
  },
];

it.runIf(
  inject('testbed') &&
    inject('dockerHost') !== null &&
    hasSystemBuildx() &&
    buildkitAddress !== null,
)(
  `ecr-build-push per builder (${builderVersions()}): a second run with no change and a rebuild after pruning, against the first run (wall time, bytes pushed), through the bundle`,
  async () => {
    const control = new TestbedControl(inject('awsEndpoint'));
    const results: Record<
      string,
      {
        first: number;
        second: number;
        pruned: number;
        firstBytes: number;
        secondBytes: number;
        prunedBytes: number;
      }[]
    > = {};
    const rows: BenchRow[] = [];
    const ms = (value: number) => `${(value / 1000).toFixed(2)} s`;
    for (const setup of setups) {
      const rounds: (typeof results)[string] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const runner = await setup.make();
        const workspace = appWorkspace('bench', { nonce: uniqueName('bench') });
        const repository = uniqueName('bench');
        const env = {
          ...emulatorEnv(),
          ...pushToMainEnv(workspace),
          DOCKER_HOST: dockerHost,
          RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'bench-')),
          ...runner.env,
        };
        const inputs = {
          repository,
          'create-repository': 'true',
          'build-secrets': 'token=s3cret',
          'docker-cli': runner.cli,
          ...runner.inputs,
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
        await runner.prune(first.uri);
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
      results[setup.name] = rounds;
      const first = median(rounds.map((r) => r.first));
      const firstBytes = median(rounds.map((r) => r.firstBytes));
      rows.push(
        {
          figure: `${setup.name}: second run with no change, wall time / bytes pushed`,
          value: `${ms(median(rounds.map((r) => r.second)))} / ${Math.max(...rounds.map((r) => r.secondBytes))} B`,
          baseline: `first run ${ms(first)} / ${firstBytes} B`,
          ratio: (median(rounds.map((r) => r.second)) / first).toFixed(2),
          goal: '< 1, 0 B',
        },
        {
          figure: `${setup.name}: rebuild after pruning every local image and cache, wall time / bytes pushed`,
          value: `${ms(median(rounds.map((r) => r.pruned)))} / ${median(rounds.map((r) => r.prunedBytes))} B`,
          baseline: `first run ${ms(first)} / ${firstBytes} B`,
          ratio: (median(rounds.map((r) => r.pruned)) / first).toFixed(2),
          goal: setup.prunedPushesNothing ? '0 B (layers reused)' : 'pushed (no cache)',
        },
      );
      expect(rounds.every((r) => r.secondBytes === 0)).toBe(true);
      if (setup.prunedPushesNothing) expect(rounds.every((r) => r.prunedBytes === 0)).toBe(true);
    }
    writeResults('build-push', { rounds: results, rows });
  },
);
