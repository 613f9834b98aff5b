import { CodeDeployClient, GetDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, inject, it } from 'vitest';
import { emulatorEnv, sdkConfig } from '../support/aws-env.js';
import { runBundle } from '../support/bundle.js';
import { createBlueGreenService, listenerWeights } from '../support/codedeploy-fixtures.js';
import { registerWebTaskDefinition } from '../support/ecs-fixtures.js';
import { waitFor } from '../support/wait.js';

const endpoint = inject('awsEndpoint');
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const codedeploy = new CodeDeployClient(sdkConfig());

describe.runIf(inject('testbed'))(
  'dist/ecs-deploy when the job is cancelled mid-canary (test bed)',
  () => {
    it('the killed main step leaves the deployment in flight; the post step stops it with rollback, and the old version serves', async () => {
      const target = await createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint);
      const v2 = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const env = emulatorEnv(endpoint);
      const main = await runBundle('ecs-deploy', {
        env,
        inputs: {
          'bake-time': '0',
          cluster: target.cluster,
          service: target.service,
          'task-definition': v2,
          strategy: 'canary',
          'traffic-percentage': '20',
          'traffic-interval': '30',
        },
        // Killed (as a runner does last) once the canary has 20% of the traffic.
        killOn: /^traffic: 20% on the new version/,
        timeoutMs: 120_000,
      });
      expect(main.exitCode).not.toBe(0);
      const deploymentId = JSON.parse(main.state['deploymentId'] ?? '""') as string;
      expect(deploymentId).toMatch(/^d-/);
      expect(
        (await listenerWeights(elbv2, target.prodListenerArn))[target.greenTargetGroupArn],
      ).toBe(20);

      const post = await runBundle('ecs-deploy', { env, state: main.state, timeoutMs: 60_000 });
      expect(post.exitCode).toBe(0);
      expect(post.stdout).toContain(`stopping deployment ${deploymentId} with rollback`);
      const stopped = await waitFor(
        async () =>
          (await codedeploy.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo,
        (info) => info?.status === 'Stopped',
        { timeoutMs: 30_000, what: 'the deployment to stop' },
      );
      expect(stopped?.status).toBe('Stopped');
      await waitFor(
        async () =>
          (
            await ecs.send(
              new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }),
            )
          ).services?.[0]?.taskSets?.length,
        (count) => count === 1,
        { timeoutMs: 30_000, what: 'the green task set to go' },
      );
      const weights = await listenerWeights(elbv2, target.prodListenerArn);
      expect(weights[target.greenTargetGroupArn] ?? 0).toBe(0);
      const described = await ecs.send(
        new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }),
      );
      expect(described.services?.[0]?.taskSets?.map((t) => t.taskDefinition)).toEqual([
        target.firstTaskDefinition,
      ]);
    });
  },
);
