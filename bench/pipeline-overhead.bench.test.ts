// The whole pipeline's own time: the four bundles a push to main runs, in sequence, as a runner
// runs them, on a release that changes nothing the pipeline has to redo:
//   iam-check (the run's permissions, for the job's caller) ->
//   ecr-build-push (the same commit again: nothing to build, nothing to push) ->
//   ecs-task-definition (the same task definition: the revision is reused) ->
//   ecs-deploy (rolling; its own share is its wall time less ECS's deployment itself, from
//   UpdateService to COMPLETED in the test bed's journal; the bake is 0).
// Each step's share is reported; together they should stay within 10 s.
import { CreateClusterCommand, CreateServiceCommand, ECSClient } from '@aws-sdk/client-ecs';
import { spawnSync } from 'node:child_process';
import { expect, inject, it } from 'vitest';
import { DOCKER_CLI } from '../test/testbed/bed.ts';
import { TestbedControl } from '../test/testbed/client.ts';
import { sdkConfig } from '../test/support/aws-env.js';
import { assumeRoleWith } from '../test/support/iam-fixtures.js';
import { runBundle } from '../test/support/bundle.js';
import { bundleRelease } from '../test/support/bundle-release.js';
import { uniqueName, waitForSteady } from '../test/support/ecs-fixtures.js';
import { type BenchRow, median, writeResults } from './support.js';

const ROUNDS = Number(process.env['BENCH_PIPELINE_ROUNDS'] ?? 3);
const GOAL_SECONDS = 10;
const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());

const timed = async <T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> => {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
};

it.runIf(inject('testbed') && inject('dockerHost') !== null)(
  `the pipeline's own time: iam-check, ecr-build-push with nothing to build, ecs-task-definition reusing a revision, ecs-deploy beyond ECS's own time (median of ${ROUNDS})`,
  async () => {
    const repository = uniqueName('over');
    const family = uniqueName('over');
    const cluster = uniqueName('over');
    const release = bundleRelease(repository, family);
    const sha = '3333333333333333333333333333333333333333';
    // The release, built, pushed and registered once before the measured rounds.
    const first = await release('overhead', sha);
    await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
    await ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: first.taskDefinition,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'] } },
      }),
    );
    await waitForSteady(ecs, cluster, 'web', 60_000);
    const role = await assumeRoleWith(
      [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      'pipeline',
    );
    const bare = () => spawnSync(process.execPath, ['-e', '0']);
    const shares: Record<
      'iam-check' | 'ecr-build-push' | 'ecs-task-definition' | 'ecs-deploy',
      number[]
    > = { 'iam-check': [], 'ecr-build-push': [], 'ecs-task-definition': [], 'ecs-deploy': [] };
    const ecsOwn: number[] = [];
    const bareStarts: number[] = [];
    let builder = '';
    for (let round = 0; round < ROUNDS; round++) {
      // The same commit again: the build is cached, the image is in ECR, the revision exists.
      // The job's credentials are a role's, as on a runner (iam-check evaluates its policies).
      const env = { ...first.env, ...role.env };
      const check = await timed(() =>
        runBundle('iam-check', {
          env,
          inputs: {
            run: JSON.stringify({
              'build-push': { repository, create: true },
              'task-definition': { family },
              deploy: { cluster, service: 'web' },
            }),
            mode: 'warn',
          },
        }),
      );
      expect(check.result.exitCode, check.result.stdout).toBe(0);
      const built = await timed(() =>
        runBundle('ecr-build-push', {
          env,
          inputs: { repository, 'docker-cli': DOCKER_CLI, 'build-network': 'none' },
          timeoutMs: 120_000,
        }),
      );
      expect(built.result.errors).toEqual([]);
      expect(built.result.outputs['image']).toBe(first.image);
      builder = built.result.outputs['builder'] ?? builder;
      const registered = await timed(() =>
        runBundle('ecs-task-definition', {
          env,
          inputs: { 'task-definition': 'web.json', image: built.result.outputs['image'] ?? '' },
        }),
      );
      expect(registered.result.errors).toEqual([]);
      expect(registered.result.outputs['task-definition-arn']).toBe(first.taskDefinition);
      // A deployment to the same revision: force one, as a redeploy of the same commit does.
      const since = await control.mark();
      const deployed = await timed(() =>
        runBundle('ecs-deploy', {
          env,
          inputs: {
            cluster,
            service: 'web',
            'task-definition': registered.result.outputs['task-definition-arn'] ?? '',
            'force-new-deployment': 'true',
            'bake-time': '0',
          },
          timeoutMs: 120_000,
        }),
      );
      expect(deployed.result.outputs['status']).toBe('SUCCEEDED');
      const journal = await control.journal(since);
      const update = journal.find((e) => e.kind === 'request' && e.operation === 'UpdateService');
      const completed = journal.find(
        (e) =>
          e.kind === 'deployment' &&
          e['deploymentId'] === deployed.result.outputs['deployment-id'] &&
          e['rolloutState'] === 'COMPLETED',
      );
      const own = ((completed?.wallTime ?? 0) - (update?.time ?? 0)) * 1000;
      expect(own).toBeGreaterThan(0);
      ecsOwn.push(own);
      shares['iam-check'].push(check.ms);
      shares['ecr-build-push'].push(built.ms);
      shares['ecs-task-definition'].push(registered.ms);
      shares['ecs-deploy'].push(deployed.ms - own);
      const started = performance.now();
      bare();
      bareStarts.push(performance.now() - started);
    }
    const bareMs = median(bareStarts);
    const rows: BenchRow[] = [];
    let total = 0;
    for (const [step, times] of Object.entries(shares)) {
      const value = median(times);
      total += value;
      rows.push({
        figure:
          step === 'ecs-deploy'
            ? `ecs-deploy: wall time less ECS's own (UpdateService to COMPLETED, median ${(median(ecsOwn) / 1000).toFixed(2)} s): set-up plus lag`
            : step === 'ecr-build-push'
              ? `ecr-build-push, nothing to build (builder: ${builder || 'default'}): wall time`
              : step === 'ecs-task-definition'
                ? 'ecs-task-definition, revision reused: wall time'
                : 'iam-check, the run of this pipeline for the caller: wall time',
        value: `${(value / 1000).toFixed(2)} s`,
        baseline: `bare node start ${bareMs.toFixed(0)} ms`,
        ratio: (value / bareMs).toFixed(1),
        goal: '—',
      });
    }
    rows.push({
      figure: `the four steps' own time together (median of ${ROUNDS} rounds per step)`,
      value: `${(total / 1000).toFixed(2)} s`,
      baseline: `4 bare node starts ${((4 * bareMs) / 1000).toFixed(2)} s`,
      ratio: (total / (4 * bareMs)).toFixed(1),
      goal: `≤ ${GOAL_SECONDS} s`,
    });
    writeResults('pipeline-overhead', { rows, shares, ecsOwn, bareStarts, builder });
  },
);
