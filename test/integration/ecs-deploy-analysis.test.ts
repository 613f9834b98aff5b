import {
  CloudWatchClient,
  PutMetricDataCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, inject, it } from 'vitest';
import { DeploymentFailedError } from '../../src/core/action/errors.js';
import { errorsAlarm } from '../support/alarms.js';
import { TestbedControl } from '../testbed/client.ts';
import { sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { createBlueGreenService, listenerWeights } from '../support/codedeploy-fixtures.js';
import {
  createRollingService,
  registerWebTaskDefinition,
  uniqueName,
} from '../support/ecs-fixtures.js';
import { runDeploy, servingTaskDefinition } from '../support/deploy-run.js';
import { waitFor } from '../support/wait.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const codedeploy = new CodeDeployClient(sdkConfig());
const cloudwatch = new CloudWatchClient(sdkConfig());

const alarm = () => errorsAlarm(cloudwatch);

describe.runIf(inject('testbed'))(
  'actions/ecs-deploy analysis: alarms and metrics while the deployment runs (test bed)',
  () => {
    it('stops a canary with rollback when an alarm goes to ALARM at 20% traffic', async () => {
      const watched = await alarm();
      const target = await createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint);
      const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      // The new version starts failing once it takes traffic.
      const trip = waitFor(
        () => listenerWeights(elbv2, target.prodListenerArn),
        (weights) => weights[target.greenTargetGroupArn] === 20,
        { what: 'the canary step', timeoutMs: 60_000, intervalMs: 100 },
      ).then(() =>
        cloudwatch.send(
          new SetAlarmStateCommand({
            AlarmName: watched,
            StateValue: 'ALARM',
            StateReason: '5XX count 42 > 10',
          }),
        ),
      );
      const deployed = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': next,
        strategy: 'canary',
        'traffic-percentage': '20',
        'traffic-interval': '10',
        alarms: watched,
        'analysis-interval': '10s',
      });
      await trip;
      expect(deployed.result.error).toBeInstanceOf(DeploymentFailedError);
      expect(deployed.outputs.get('status')).toBe('STOPPED');
      expect(deployed.outputs.get('rolled-back')).toBe('true');
      expect(deployed.outputs.get('reason')).toContain(
        `alarm ${watched} is ALARM (5XX count 42 > 10)`,
      );
      expect(deployed.logger.text()).toContain(
        'the analysis cannot hold a step back, only stop the deployment',
      );
      expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(
        target.firstTaskDefinition,
      );
      expect(await listenerWeights(elbv2, target.prodListenerArn)).toEqual({
        [target.blueTargetGroupArn]: 100,
        [target.greenTargetGroupArn]: 0,
      });
    });

    it('rolls a rolling deployment back when a metric crosses its threshold more often than allowed', async () => {
      const target = await createRollingService(ecs, { desiredCount: 2 });
      const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const service = uniqueName('svc');
      await cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: 'Shop',
          MetricData: [
            { MetricName: 'Errors', Dimensions: [{ Name: 'Service', Value: service }], Value: 50 },
          ],
        }),
      );
      const deployed = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': next,
        // An hour's period: the action's clock runs at the test bed's scale, ahead of the data's.
        analysis: `- {name: errors, namespace: Shop, metric: Errors, dimensions: {Service: ${service}}, period: 3600, threshold: 10}`,
        'analysis-interval': '10s',
        'analysis-failures-allowed': '1',
      });
      expect(deployed.result.error).toBeInstanceOf(DeploymentFailedError);
      expect(deployed.logger.messages('warning')[0]).toBe(
        'analysis round 1 failed (1 of 1 allowed): errors: Sum Errors = 50 > 10',
      );
      expect(deployed.outputs.get('reason')).toBe(
        'Analysis failed (2 failed round(s), 1 allowed): errors: Sum Errors = 50 > 10',
      );
      expect(deployed.outputs.get('rolled-back')).toBe('true');
      expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(
        target.firstTaskDefinition,
      );
    });

    it('refuses an alarm that does not exist, before any write', async () => {
      const target = await createRollingService(ecs, { desiredCount: 1 });
      const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const deployed = await runDeploy(
        {
          cluster: target.cluster,
          service: target.service,
          'task-definition': next,
          alarms: 'no-such-alarm',
        },
        accessKey,
      );
      expect(deployed.failures[0]).toBe(
        'CloudWatch alarm(s) no-such-alarm do not exist in this region. Check the names (they are case-sensitive) and the region.',
      );
      expect(await control.writes(mark, accessKey)).toEqual([]);
    });
  },
);
