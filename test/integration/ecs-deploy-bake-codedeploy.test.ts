// The bake of CodeDeploy blue/green deployments on the test bed: it runs during the old task set's
// termination wait, so a failure moves production traffic back; when the wait is shorter than
// the bake, the step says so before the deployment and a late failure deploys the previous
// revision again. The new version fails late through the test bed's `late` task failure.
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../testbed/client.ts';
import { sdkConfig } from '../support/aws-env.js';
import {
  type BlueGreenOptions,
  createBlueGreenService,
  listenerWeights,
} from '../support/codedeploy-fixtures.js';
import { runDeploy, servingTaskDefinition } from '../support/deploy-run.js';
import { registerWebTaskDefinition } from '../support/ecs-fixtures.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const codedeploy = new CodeDeployClient(sdkConfig());

async function blueGreen(options: BlueGreenOptions) {
  const target = await createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint, options);
  const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
  return { target, next };
}

describe.runIf(inject('testbed'))(
  'actions/ecs-deploy: the bake of CodeDeploy blue/green deployments (test bed)',
  () => {
    it('holds: the new version is watched during the termination wait, and the step is green with the bake in its summary', async () => {
      const { target, next } = await blueGreen({ terminationWaitMinutes: 11 });
      const run = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': next,
        strategy: 'blue-green',
        'bake-time': '10m',
      });
      expect(run.failures).toEqual([]);
      expect(run.outputs.get('status')).toBe('SUCCEEDED');
      expect(Number(run.outputs.get('bake-seconds'))).toBeGreaterThanOrEqual(600);
      expect(run.written.join('\n')).toMatch(
        /\*\*Bake:\*\* the new version was watched 10m\d*s? during CodeDeploy's termination wait \(the old version still up\): no task stopped/,
      );
      expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(next);
    });

    it('a task of the new version that dies during the termination wait stops the deployment with rollback: production traffic is back on the old version', async () => {
      const { target, next } = await blueGreen({ terminationWaitMinutes: 30 });
      await control.failTasks({
        taskDefinition: next,
        mode: 'late',
        afterSeconds: 120,
        exitCode: 4,
      });
      const run = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': next,
        strategy: 'blue-green',
        'bake-time': '10m',
      });
      expect(run.outputs.get('status')).toBe('FAILED');
      expect(run.outputs.get('rolled-back')).toBe('true');
      expect(run.outputs.get('reason')).toMatch(
        /^The new version failed its bake after \d+m\d*s?: (A task|\d tasks) of the new version stopped during the bake \(task \S+ stopped: .*exit 4/,
      );
      expect(run.failures[0]).toMatch(/traffic moved back to the original task set/);
      expect(run.logger.messages('warning').join('\n')).not.toMatch(/keeps the old version/);
      const weights = await listenerWeights(elbv2, target.prodListenerArn);
      expect(weights[target.greenTargetGroupArn] ?? 0).toBe(0);
      expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(
        target.firstTaskDefinition,
      );
    });

    it('a termination wait shorter than the bake is said before the deployment; a failure after it deploys the previous revision again', async () => {
      const { target, next } = await blueGreen({ terminationWaitMinutes: 1 });
      await control.failTasks({ taskDefinition: next, mode: 'late', afterSeconds: 240 });
      const run = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': next,
        strategy: 'blue-green',
        'bake-time': '15m',
      });
      const warnings = run.logger.messages('warning').join('\n');
      expect(warnings).toMatch(
        /keeps the old version 1m after the traffic shift, less than bake-time 15m: a failure later in the bake is rolled back by deploying .*:1 again/,
      );
      expect(run.outputs.get('status')).toBe('FAILED');
      expect(run.outputs.get('rolled-back')).toBe('true');
      expect(run.failures[0]).toMatch(
        /The service was rolled back to .*:1 \(deployed again with d-[A-Z0-9]{9}\)\./,
      );
      expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(
        target.firstTaskDefinition,
      );
    });
  },
);
