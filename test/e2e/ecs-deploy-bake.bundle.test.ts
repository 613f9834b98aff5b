// dist/ecs-deploy as a runner runs it, on a release that dies after ECS completes its deployment
// (real containers on the test bed). The bundle's clock is the wall clock, as on a runner: the
// bake is given in seconds.
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emulatorEnv, sdkConfig } from '../support/aws-env.js';
import { runBundle } from '../support/bundle.js';
import { servingTaskDefinition } from '../support/deploy-run.js';
import { RealServices, type Releases } from '../support/real-service.js';

const endpoint = inject('awsEndpoint');
const ecs = new ECSClient(sdkConfig());
const real = new RealServices(
  { ecr: new ECRClient(sdkConfig()), ecs },
  endpoint,
  inject('dockerHost') ?? '',
);
let images: Releases;

describe.runIf(inject('testbed') && inject('dockerHost') !== null && inject('registry') !== null)(
  `dist/ecs-deploy: a late crash caught by the bake (${inject('emulator')}, real containers)`,
  () => {
    beforeAll(async () => {
      images = await real.releases();
    }, 180_000);
    afterAll(() => real.scaleDown());

    it('ECS completes, the new tasks die seconds later, the bake fails the step and the previous revision serves again', async () => {
      const service = await real.service(images.serving);
      const bad = await real.register(service.family, images.crashLate);
      const run = await runBundle('ecs-deploy', {
        env: emulatorEnv(endpoint),
        inputs: {
          cluster: service.cluster,
          service: 'web',
          'task-definition': bad,
          'bake-time': '20s',
        },
        timeoutMs: 120_000,
      });
      expect(run.exitCode).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).toMatch(
        /failed: The new version failed its bake after \d+s: .* stopped during the bake \(task \S+ stopped: Essential container in task exited; app exit 3\)\. The service was rolled back to .*:1 \(deployment ecs-svc\/\d+ completed\)\./,
      );
      expect(run.stdout).toMatch(/COMPLETED, running 2\/2/);
      expect(run.outputs['status']).toBe('FAILED');
      expect(run.outputs['rolled-back']).toBe('true');
      expect(Number(run.outputs['bake-seconds'])).toBeGreaterThan(0);
      expect(run.summary).toMatch(
        /\*\*Bake:\*\* the new version was watched \d+s after ECS said COMPLETED/,
      );
      expect(await servingTaskDefinition(ecs, service.cluster, 'web')).toBe(service.good);
    }, 180_000);
  },
);
