// dist/ecs-deploy as a runner runs it, while someone else deploys a newer revision to the same
// service mid-rollout (test bed, emulated tasks): the step says so and undoes nothing.
import { ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { describe, expect, inject, it } from 'vitest';
import { emulatorEnv, sdkConfig } from '../support/aws-env.js';
import { runBundle } from '../support/bundle.js';
import { servingTaskDefinition } from '../support/deploy-run.js';
import {
  createRollingService,
  describeService,
  registerWebTaskDefinition,
  waitForSteady,
} from '../support/ecs-fixtures.js';
import { waitFor } from '../support/wait.js';

const endpoint = inject('awsEndpoint');
const ecs = new ECSClient(sdkConfig());

describe.runIf(inject('testbed'))(
  `dist/ecs-deploy: a newer deployment by someone else mid-rollout (${inject('emulator')})`,
  () => {
    it('ends REPLACED, names the newer deployment, rolls nothing back; the newer revision serves', async () => {
      const target = await createRollingService(ecs, { desiredCount: 2 });
      const ours = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const theirs = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:3');
      const running = runBundle('ecs-deploy', {
        env: emulatorEnv(endpoint),
        inputs: {
          cluster: target.cluster,
          service: target.service,
          'task-definition': ours,
          'bake-time': '0',
        },
        timeoutMs: 120_000,
      });
      await waitFor(
        () => describeService(ecs, target.cluster, target.service),
        (s) =>
          s.deployments?.[0]?.taskDefinition === ours &&
          s.deployments[0].rolloutState === 'IN_PROGRESS',
        { timeoutMs: 60_000, what: 'the bundle to start its deployment' },
      );
      await ecs.send(
        new UpdateServiceCommand({
          cluster: target.cluster,
          service: target.service,
          taskDefinition: theirs,
        }),
      );
      const run = await running;
      expect(run.exitCode).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).toMatch(
        /was replaced: Deployment ecs-svc\/\d+ \(.*:3\), started at \S+ by another caller .* That deployment now owns the service: nothing was rolled back over it\./,
      );
      expect(run.outputs['status']).toBe('REPLACED');
      expect(run.outputs['rolled-back']).toBe('false');
      expect(run.summary).toMatch(/\*\*Reason:\*\* Deployment ecs-svc\/\d+ \(.*:3\)/);
      expect(run.stdout).not.toMatch(/Rolling .* back to/);
      await waitForSteady(ecs, target.cluster, target.service);
      expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(theirs);
    }, 180_000);
  },
);
