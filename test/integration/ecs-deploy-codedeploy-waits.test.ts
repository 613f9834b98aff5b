import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, inject, it } from 'vitest';
import { sdkConfig } from '../support/aws-env.js';
import { createBlueGreenService, listenerWeights } from '../support/codedeploy-fixtures.js';
import { runDeploy, servingTaskDefinition } from '../support/deploy-run.js';
import { registerWebTaskDefinition } from '../support/ecs-fixtures.js';

const endpoint = inject('awsEndpoint');
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const codedeploy = new CodeDeployClient(sdkConfig());

const taskSets = async (cluster: string, service: string) =>
  (
    await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }))
  ).services?.[0]?.taskSets?.map((t) => [t.status, t.taskDefinition]);

describe.runIf(inject('testbed'))(
  'actions/ecs-deploy with CodeDeploy: waiting, on the test bed',
  () => {
    it('on-in-flight: wait follows the running deployment to its end, then deploys', async () => {
      const target = await createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint);
      const v2 = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const v3 = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:3');
      const first = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': v2,
        strategy: 'canary',
        'traffic-percentage': '50',
        'traffic-interval': '2',
        'wait-until': 'submitted',
      });
      expect(first.failures).toEqual([]);
      const second = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': v3,
        strategy: 'blue-green',
        'on-in-flight': 'wait',
      });
      expect(second.failures).toEqual([]);
      expect(second.logger.text()).toContain(
        `Following CodeDeploy deployment ${first.outputs.get('deployment-id') ?? ''}`,
      );
      expect(second.outputs.get('status')).toBe('SUCCEEDED');
      expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(v3);
      expect(await taskSets(target.cluster, target.service)).toEqual([['PRIMARY', v3]]);
    });

    it('a deployment still shifting traffic at the timeout is stopped and rolled back', async () => {
      const target = await createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint);
      const v2 = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const run = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': v2,
        strategy: 'linear',
        'traffic-percentage': '10',
        'traffic-interval': '10',
        timeout: '5m',
      });
      expect(run.failures).toHaveLength(1);
      expect(run.failures[0]).toMatch(/was stopped: Timed out after 5m/);
      expect(run.outputs.get('rolled-back')).toBe('true');
      expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(
        target.firstTaskDefinition,
      );
      const weights = await listenerWeights(elbv2, target.prodListenerArn);
      expect(weights[target.greenTargetGroupArn] ?? 0).toBe(0);
      expect(await taskSets(target.cluster, target.service)).toEqual([
        ['PRIMARY', target.firstTaskDefinition],
      ]);
    });
  },
);
