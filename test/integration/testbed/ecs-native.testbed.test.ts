import {
  CloudWatchClient,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  ContinueServiceDeploymentCommand,
  ECSClient,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../../testbed/client.ts';
import { sdkConfig } from '../../support/aws-env.js';
import { describeService, registerWebTaskDefinition } from '../../support/ecs-fixtures.js';
import {
  type NativeService,
  createNativeService,
  latestServiceDeployment,
  ruleWeights,
  waitForServiceDeployment,
} from '../../support/native-fixtures.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const cloudwatch = new CloudWatchClient(sdkConfig());
const clients = { ecs, elbv2 };

const FINAL = ['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED'];

async function deployNew(target: NativeService, image: string) {
  const next = await registerWebTaskDefinition(ecs, target.family, image);
  await ecs.send(
    new UpdateServiceCommand({
      cluster: target.cluster,
      service: target.service,
      taskDefinition: next,
    }),
  );
  const arn = (await latestServiceDeployment(ecs, target))?.serviceDeploymentArn ?? '';
  return { next, arn };
}

async function nativeJournal(mark: number, arn: string) {
  return (await control.journal(mark)).filter(
    (e) => e.kind === 'native' && e['serviceDeploymentArn'] === arn,
  );
}

describe.runIf(inject('testbed'))(
  "test bed ECS-native blue/green, canary and linear (ECS's own strategies), through the AWS SDK over HTTP",
  () => {
    it('a canary runs the stages in order, moves the production rule 10% then 100%, and cleans blue up', async () => {
      const target = await createNativeService(clients, endpoint, {
        strategy: 'CANARY',
        canaryPercent: 10,
        canaryBakeMinutes: 3,
        bakeMinutes: 2,
      });
      const mark = await control.mark();
      const { next, arn } = await deployNew(target, 'registry.example/web:2');
      expect(arn).toMatch(/:service-deployment\//);
      // At the canary step: 10% of production, all of the test traffic, on green.
      const atCanary = await waitForServiceDeployment(
        ecs,
        arn,
        (d) => (d.targetServiceRevision?.requestedProductionTrafficWeight ?? 0) > 0,
        'the canary step',
      );
      expect(atCanary?.lifecycleStage).toBe('PRODUCTION_TRAFFIC_SHIFT');
      expect(atCanary?.targetServiceRevision?.requestedProductionTrafficWeight).toBe(10);
      expect(atCanary?.sourceServiceRevisions?.[0]?.requestedProductionTrafficWeight).toBe(90);
      expect(await ruleWeights(elbv2, target.prodRuleArn)).toEqual({
        [target.blueTargetGroupArn]: 90,
        [target.greenTargetGroupArn]: 10,
      });
      expect(await ruleWeights(elbv2, target.testRuleArn)).toEqual({
        [target.blueTargetGroupArn]: 0,
        [target.greenTargetGroupArn]: 100,
      });
      const done = await waitForServiceDeployment(
        ecs,
        arn,
        (d) => FINAL.includes(d.status ?? ''),
        'the end',
      );
      expect(done?.status).toBe('SUCCESSFUL');
      const entries = await nativeJournal(mark, arn);
      const stages = [...new Set(entries.map((e) => e['stage']))];
      expect(stages).toEqual([
        'RECONCILE_SERVICE',
        'PRE_SCALE_UP',
        'SCALE_UP',
        'POST_SCALE_UP',
        'TEST_TRAFFIC_SHIFT',
        'POST_TEST_TRAFFIC_SHIFT',
        'PRODUCTION_TRAFFIC_SHIFT',
        'POST_PRODUCTION_TRAFFIC_SHIFT',
        'BAKE_TIME',
        'CLEAN_UP',
      ]);
      const steps = entries.filter((e) => e['traffic'] === 'production');
      expect(steps.map((e) => e['productionWeight'])).toEqual([10, 100]);
      const gap =
        ((steps[1]?.emulatedTime ?? 0) as number) - ((steps[0]?.emulatedTime ?? 0) as number);
      expect(gap).toBeCloseTo(180, 0);
      const service = await describeService(ecs, target.cluster, target.service);
      expect(service.taskDefinition).toBe(next);
      expect(service.deployments?.map((d) => [d.status, d.taskDefinition, d.rolloutState])).toEqual(
        [['PRIMARY', next, 'COMPLETED']],
      );
      expect(service.deploymentConfiguration?.strategy).toBe('CANARY');
      expect(service.loadBalancers?.[0]?.advancedConfiguration?.alternateTargetGroupArn).toBe(
        target.greenTargetGroupArn,
      );
      expect(await ruleWeights(elbv2, target.prodRuleArn)).toEqual({
        [target.blueTargetGroupArn]: 0,
        [target.greenTargetGroupArn]: 100,
      });
    });

    it('a linear deployment moves 25% a step; the next deployment starts from the green group', async () => {
      const target = await createNativeService(clients, endpoint, {
        strategy: 'LINEAR',
        stepPercent: 25,
        stepBakeMinutes: 1,
      });
      const mark = await control.mark();
      const first = await deployNew(target, 'registry.example/web:2');
      await waitForServiceDeployment(ecs, first.arn, (d) => FINAL.includes(d.status ?? ''), 'end');
      const steps = (await nativeJournal(mark, first.arn)).filter(
        (e) => e['traffic'] === 'production',
      );
      expect(steps.map((e) => e['productionWeight'])).toEqual([25, 50, 75, 100]);
      // Blue is now the alternate group: the next release goes to the service's own group.
      const second = await deployNew(target, 'registry.example/web:3');
      const done = await waitForServiceDeployment(
        ecs,
        second.arn,
        (d) => FINAL.includes(d.status ?? ''),
        'end',
      );
      expect(done?.status).toBe('SUCCESSFUL');
      expect(await ruleWeights(elbv2, target.prodRuleArn)).toEqual({
        [target.blueTargetGroupArn]: 100,
        [target.greenTargetGroupArn]: 0,
      });
    });

    it('a PAUSE hook waits for ContinueServiceDeployment with its hook id', async () => {
      const target = await createNativeService(clients, endpoint, {
        strategy: 'BLUE_GREEN',
        hooks: [
          {
            targetType: 'PAUSE',
            lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
            timeoutConfiguration: { timeoutInMinutes: 60, action: 'ROLLBACK' },
          },
        ],
      });
      const { next, arn } = await deployNew(target, 'registry.example/web:2');
      const paused = await waitForServiceDeployment(
        ecs,
        arn,
        (d) => d.lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION',
        'the pause',
      );
      expect(paused?.lifecycleStage).toBe('POST_TEST_TRAFFIC_SHIFT');
      const hook = paused?.lifecycleHookDetails?.[0];
      expect(hook?.targetType).toBe('PAUSE');
      expect(hook?.timeoutAction).toBe('ROLLBACK');
      await expect(
        ecs.send(
          new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: 'no-such' }),
        ),
      ).rejects.toThrow(/no lifecycle hook no-such awaiting action/);
      await ecs.send(
        new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: hook?.hookId }),
      );
      const done = await waitForServiceDeployment(
        ecs,
        arn,
        (d) => FINAL.includes(d.status ?? ''),
        'end',
      );
      expect(done?.status).toBe('SUCCESSFUL');
      expect((await describeService(ecs, target.cluster, target.service)).taskDefinition).toBe(
        next,
      );
    });

    it('an alarm during the bake rolls back: traffic on blue, green gone, rollback filled in', async () => {
      const alarm = `native-alarm-${Date.now()}`;
      await cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: alarm,
          MetricName: 'Errors',
          Namespace: 'Test',
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanThreshold',
        }),
      );
      const target = await createNativeService(clients, endpoint, {
        strategy: 'BLUE_GREEN',
        bakeMinutes: 20,
        alarms: [alarm],
      });
      const { arn } = await deployNew(target, 'registry.example/web:2');
      await waitForServiceDeployment(ecs, arn, (d) => d.lifecycleStage === 'BAKE_TIME', 'bake');
      await cloudwatch.send(
        new SetAlarmStateCommand({ AlarmName: alarm, StateValue: 'ALARM', StateReason: 'test' }),
      );
      const done = await waitForServiceDeployment(
        ecs,
        arn,
        (d) => FINAL.includes(d.status ?? ''),
        'end',
      );
      expect(done?.status).toBe('ROLLBACK_SUCCESSFUL');
      expect(done?.rollback?.serviceRevisionArn).toBe(done?.sourceServiceRevisions?.[0]?.arn);
      expect(done?.alarms?.triggeredAlarmNames).toEqual([alarm]);
      expect(await ruleWeights(elbv2, target.prodRuleArn)).toEqual({
        [target.blueTargetGroupArn]: 100,
        [target.greenTargetGroupArn]: 0,
      });
      const service = await describeService(ecs, target.cluster, target.service);
      expect(service.taskDefinition).toBe(target.firstTaskDefinition);
      expect(service.deployments?.map((d) => d.taskDefinition)).toEqual([
        target.firstTaskDefinition,
      ]);
    });

    it('StopServiceDeployment with ROLLBACK mid-shift puts traffic back; a second stop conflicts', async () => {
      const target = await createNativeService(clients, endpoint, {
        strategy: 'LINEAR',
        stepPercent: 10,
        stepBakeMinutes: 5,
      });
      const { arn } = await deployNew(target, 'registry.example/web:2');
      await waitForServiceDeployment(
        ecs,
        arn,
        (d) => (d.targetServiceRevision?.requestedProductionTrafficWeight ?? 0) >= 10,
        'the first step',
      );
      await ecs.send(
        new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }),
      );
      await expect(
        ecs.send(
          new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }),
        ),
      ).rejects.toThrow(/cannot be stopped/);
      const done = await waitForServiceDeployment(
        ecs,
        arn,
        (d) => FINAL.includes(d.status ?? ''),
        'end',
      );
      expect(done?.status).toBe('ROLLBACK_SUCCESSFUL');
      expect(done?.targetServiceRevision?.requestedProductionTrafficWeight).toBe(0);
    });

    it('failing green tasks trip the circuit breaker and roll back before any traffic moves', async () => {
      const target = await createNativeService(clients, endpoint, { strategy: 'CANARY' });
      const mark = await control.mark();
      await control.failTasks({ cluster: target.cluster, mode: 'exit' });
      try {
        const { arn } = await deployNew(target, 'registry.example/web:2');
        const done = await waitForServiceDeployment(
          ecs,
          arn,
          (d) => FINAL.includes(d.status ?? ''),
          'end',
        );
        expect(done?.status).toBe('ROLLBACK_SUCCESSFUL');
        expect(done?.deploymentCircuitBreaker?.status).toBe('TRIGGERED');
        const moved = (await nativeJournal(mark, arn)).filter((e) => e['traffic'] === 'production');
        expect(moved).toEqual([]);
      } finally {
        await control.clearFailures();
      }
    });

    it('refuses a native strategy on a service without advancedConfiguration', async () => {
      await expect(
        createNativeService(clients, endpoint, { strategy: 'BLUE_GREEN', withoutAdvanced: true }),
      ).rejects.toThrow(/requires advancedConfiguration/);
    });
  },
);
