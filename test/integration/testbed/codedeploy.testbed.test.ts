import {
  CloudWatchClient,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  BatchGetDeploymentTargetsCommand,
  CodeDeployClient,
  ContinueDeploymentCommand,
  CreateDeploymentConfigCommand,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  ListDeploymentConfigsCommand,
  ListDeploymentTargetsCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../../testbed/client.ts';
import { sdkConfig } from '../../support/aws-env.js';
import {
  type BlueGreenService,
  createBlueGreenService,
  deploy,
  listenerWeights,
} from '../../support/codedeploy-fixtures.js';
import { registerWebTaskDefinition, uniqueName } from '../../support/ecs-fixtures.js';
import { waitFor } from '../../support/wait.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const codedeploy = new CodeDeployClient(sdkConfig());
const cloudwatch = new CloudWatchClient(sdkConfig());
const clients = { ecs, elbv2, codedeploy };

function waitForStatus(deploymentId: string, statuses: string[], timeoutMs = 30_000) {
  return waitFor(
    async () => (await codedeploy.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo,
    (info) => statuses.includes(info?.status ?? ''),
    { timeoutMs, what: `deployment ${deploymentId} to reach ${statuses.join('/')}` },
  );
}

/** The end state a user checks: which task definition serves, where traffic goes, which task sets remain. */
async function endState(target: BlueGreenService) {
  const service = (
    await ecs.send(
      new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }),
    )
  ).services?.[0];
  const weights = await listenerWeights(elbv2, target.prodListenerArn);
  const healthy = async (arn: string) =>
    (
      (await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn })))
        .TargetHealthDescriptions ?? []
    ).filter((d) => d.TargetHealth?.State === 'healthy').length;
  return {
    taskDefinition: service?.taskDefinition,
    taskSets: service?.taskSets?.map((ts) => [ts.status, ts.taskDefinition]),
    weights,
    healthyTargets: {
      blue: await healthy(target.blueTargetGroupArn),
      green: await healthy(target.greenTargetGroupArn),
    },
  };
}

async function trafficSteps(mark: number, deploymentId: string) {
  return (await control.journal(mark))
    .filter((e) => e.kind === 'traffic' && e.deploymentId === deploymentId)
    .map((e) => ({ percent: e['greenPercent'] as number, wallTime: e.wallTime ?? 0 }));
}

describe.runIf(inject('testbed'))(
  'test bed CodeDeploy blue/green for ECS, through the AWS SDK over HTTP',
  () => {
    it('shifts canary traffic in two steps at the configured interval and ends on green', async () => {
      const target = await createBlueGreenService(clients, endpoint, {
        deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      });
      const second = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const mark = await control.mark();
      const id = await deploy(codedeploy, target, second);
      expect(
        (await codedeploy.send(new GetDeploymentCommand({ deploymentId: id }))).deploymentInfo
          ?.status,
      ).toBe('Created');

      // While the canary holds at 10%, the listener and the deployment target say so.
      await waitFor(
        () => trafficSteps(mark, id),
        (steps) => steps.length === 1,
        { what: 'the canary step' },
      );
      const weights = await listenerWeights(elbv2, target.prodListenerArn);
      expect(weights).toEqual({
        [target.blueTargetGroupArn]: 90,
        [target.greenTargetGroupArn]: 10,
      });
      const targetIds =
        (await codedeploy.send(new ListDeploymentTargetsCommand({ deploymentId: id }))).targetIds ??
        [];
      expect(targetIds).toEqual([`${target.cluster}:${target.service}`]);
      const ecsTarget = (
        await codedeploy.send(new BatchGetDeploymentTargetsCommand({ deploymentId: id, targetIds }))
      ).deploymentTargets?.[0]?.ecsTarget;
      expect(ecsTarget?.taskSetsInfo?.map((ts) => [ts.taskSetLabel, ts.trafficWeight])).toEqual([
        ['Blue', 90],
        ['Green', 10],
      ]);
      expect(
        ecsTarget?.lifecycleEvents?.find((e) => e.lifecycleEventName === 'Install')?.status,
      ).toBe('Succeeded');
      expect(
        ecsTarget?.lifecycleEvents?.find((e) => e.lifecycleEventName === 'AllowTraffic')?.status,
      ).toBe('InProgress');

      const info = await waitForStatus(id, ['Succeeded', 'Failed', 'Stopped']);
      expect(info?.status).toBe('Succeeded');
      const steps = await trafficSteps(mark, id);
      expect(steps.map((s) => s.percent)).toEqual([10, 100]);
      const scale = (await control.status()).scale;
      const emulatedGap = ((steps[1]?.wallTime ?? 0) - (steps[0]?.wallTime ?? 0)) * scale;
      expect(emulatedGap).toBeGreaterThan(290);
      expect(emulatedGap).toBeLessThan(310);
      expect(await endState(target)).toEqual({
        taskDefinition: second,
        taskSets: [['PRIMARY', second]],
        weights: { [target.blueTargetGroupArn]: 0, [target.greenTargetGroupArn]: 100 },
        healthyTargets: { blue: 0, green: 2 },
      });
    });

    it('shifts linear traffic with a custom config created through the API', async () => {
      const configName = uniqueName('linear25');
      await codedeploy.send(
        new CreateDeploymentConfigCommand({
          deploymentConfigName: configName,
          computePlatform: 'ECS',
          trafficRoutingConfig: {
            type: 'TimeBasedLinear',
            timeBasedLinear: { linearPercentage: 25, linearInterval: 1 },
          },
        }),
      );
      const config = await codedeploy.send(
        new GetDeploymentConfigCommand({ deploymentConfigName: configName }),
      );
      expect(config.deploymentConfigInfo?.trafficRoutingConfig?.timeBasedLinear).toEqual({
        linearPercentage: 25,
        linearInterval: 1,
      });
      expect(
        (await codedeploy.send(new ListDeploymentConfigsCommand({}))).deploymentConfigsList,
      ).toContain(configName);

      const target = await createBlueGreenService(clients, endpoint);
      const second = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const mark = await control.mark();
      const id = await deploy(codedeploy, target, second, configName);
      expect((await waitForStatus(id, ['Succeeded', 'Failed', 'Stopped']))?.status).toBe(
        'Succeeded',
      );
      expect((await trafficSteps(mark, id)).map((s) => s.percent)).toEqual([25, 50, 75, 100]);
    });

    it('stops a canary whose alarm fires, restores traffic to blue and removes the green task set', async () => {
      const alarm = uniqueName('errors');
      await cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: alarm,
          MetricName: 'HTTPCode_Target_5XX_Count',
          Namespace: 'AWS/ApplicationELB',
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 5,
          ComparisonOperator: 'GreaterThanThreshold',
        }),
      );
      const target = await createBlueGreenService(clients, endpoint, {
        deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent15Minutes',
        alarms: [alarm],
      });
      const second = await registerWebTaskDefinition(
        ecs,
        target.family,
        'registry.example/web:bad',
      );
      const mark = await control.mark();
      const id = await deploy(codedeploy, target, second);
      await waitFor(
        () => trafficSteps(mark, id),
        (steps) => steps.length === 1,
        { what: 'the canary step' },
      );
      await cloudwatch.send(
        new SetAlarmStateCommand({
          AlarmName: alarm,
          StateValue: 'ALARM',
          StateReason: 'test: 5xx errors',
        }),
      );

      const info = await waitForStatus(id, ['Succeeded', 'Failed', 'Stopped']);
      expect(info?.status).toBe('Stopped');
      expect(info?.errorInformation?.code).toBe('ALARM_ACTIVE');
      expect(info?.errorInformation?.message).toContain(alarm);
      const rollbackId = info?.rollbackInfo?.rollbackDeploymentId ?? '';
      const rollback = await waitForStatus(rollbackId, ['Succeeded', 'Failed']);
      expect(rollback).toMatchObject({ status: 'Succeeded', creator: 'codeDeployRollback' });
      expect(rollback?.rollbackInfo?.rollbackTriggeringDeploymentId).toBe(id);
      expect(await endState(target)).toEqual({
        taskDefinition: target.firstTaskDefinition,
        taskSets: [['PRIMARY', target.firstTaskDefinition]],
        weights: { [target.blueTargetGroupArn]: 100, [target.greenTargetGroupArn]: 0 },
        healthyTargets: { blue: 2, green: 0 },
      });
      expect((await trafficSteps(mark, id)).map((s) => s.percent)).toEqual([10, 0]);
    });

    it('waits in Ready with test traffic on green until ContinueDeployment', async () => {
      const target = await createBlueGreenService(clients, endpoint, {
        readyAction: 'STOP_DEPLOYMENT',
        readyWaitMinutes: 120,
      });
      const second = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const id = await deploy(codedeploy, target, second);
      await waitForStatus(id, ['Ready']);
      expect(await listenerWeights(elbv2, target.testListenerArn)).toEqual({
        [target.blueTargetGroupArn]: 0,
        [target.greenTargetGroupArn]: 100,
      });
      expect(await listenerWeights(elbv2, target.prodListenerArn)).toEqual({
        [target.blueTargetGroupArn]: 1,
      });
      await expect(
        codedeploy.send(
          new ContinueDeploymentCommand({
            deploymentId: id,
            deploymentWaitType: 'TERMINATION_WAIT',
          }),
        ),
      ).rejects.toMatchObject({ name: 'DeploymentIsNotInReadyStateException' });
      await codedeploy.send(
        new ContinueDeploymentCommand({ deploymentId: id, deploymentWaitType: 'READY_WAIT' }),
      );
      expect((await waitForStatus(id, ['Succeeded', 'Failed', 'Stopped']))?.status).toBe(
        'Succeeded',
      );
      expect((await endState(target)).taskDefinition).toBe(second);
    });

    it('refuses a second deployment while one is active, and stops one on request with rollback', async () => {
      const target = await createBlueGreenService(clients, endpoint, {
        deploymentConfigName: 'CodeDeployDefault.ECSLinear10PercentEvery3Minutes',
      });
      const second = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const id = await deploy(codedeploy, target, second);
      await expect(deploy(codedeploy, target, second)).rejects.toMatchObject({
        name: 'DeploymentLimitExceededException',
        message: `The Deployment Group '${target.group}' already has an active Deployment '${id}'`,
      });
      await waitForStatus(id, ['InProgress']);
      const stop = await codedeploy.send(
        new StopDeploymentCommand({ deploymentId: id, autoRollbackEnabled: true }),
      );
      expect(stop.status).toBe('Succeeded');
      const info = await waitForStatus(id, ['Stopped']);
      expect(info?.errorInformation?.code).toBe('MANUAL_STOP');
      await waitForStatus(info?.rollbackInfo?.rollbackDeploymentId ?? '', ['Succeeded']);
      expect(await endState(target)).toEqual({
        taskDefinition: target.firstTaskDefinition,
        taskSets: [['PRIMARY', target.firstTaskDefinition]],
        weights: { [target.blueTargetGroupArn]: 100, [target.greenTargetGroupArn]: 0 },
        healthyTargets: { blue: 2, green: 0 },
      });
    });

    it('fails and rolls back a deployment whose green tasks crash', async () => {
      const target = await createBlueGreenService(clients, endpoint);
      const broken = await registerWebTaskDefinition(
        ecs,
        target.family,
        'registry.example/web:crash',
      );
      await control.failTasks({ taskDefinition: broken, mode: 'exit', exitCode: 1 });
      const id = await deploy(codedeploy, target, broken);
      const info = await waitForStatus(id, ['Succeeded', 'Failed', 'Stopped']);
      expect(info?.status).toBe('Failed');
      expect(info?.errorInformation?.code).toBe('ECS_UPDATE_ERROR');
      await waitForStatus(info?.rollbackInfo?.rollbackDeploymentId ?? '', ['Succeeded']);
      expect(await endState(target)).toEqual({
        taskDefinition: target.firstTaskDefinition,
        taskSets: [['PRIMARY', target.firstTaskDefinition]],
        weights: { [target.blueTargetGroupArn]: 100, [target.greenTargetGroupArn]: 0 },
        healthyTargets: { blue: 2, green: 0 },
      });
    });

    it('answers an unknown deployment config as CodeDeploy does', async () => {
      await expect(
        codedeploy.send(new GetDeploymentConfigCommand({ deploymentConfigName: 'NoSuchConfig' })),
      ).rejects.toMatchObject({
        name: 'DeploymentConfigDoesNotExistException',
      });
    });
  },
);
