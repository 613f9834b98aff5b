import {
  CloudWatchClient,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ecsDeploy } from '../../src/actions/ecs-deploy/action.js';
import { runAction } from '../../src/core/action/run.js';
import { TestbedControl } from '../testbed/client.ts';
import { emulatorEnv, sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { runDeploy, runRollback } from '../support/deploy-run.js';
import { describeService, registerWebTaskDefinition } from '../support/ecs-fixtures.js';
import {
  type NativeOptions,
  type NativeService,
  createNativeService,
  ruleWeights,
  waitForServiceDeployment,
} from '../support/native-fixtures.js';
import { recordingRuntime } from '../support/runtime.js';
import { startFakeGithub } from '../support/fake-github.js';
import { scaledClock } from '../support/scaled-clock.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const cloudwatch = new CloudWatchClient(sdkConfig());

async function nativeWithNext(options: NativeOptions) {
  const target = await createNativeService({ ecs, elbv2 }, endpoint, options);
  const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
  return { target, next };
}

const base = (target: NativeService, next: string) => ({
  cluster: target.cluster,
  service: target.service,
  'task-definition': next,
});

async function journalOf(mark: number, arn: string) {
  return (await control.journal(mark)).filter(
    (e) => e.kind === 'native' && e['serviceDeploymentArn'] === arn,
  );
}

/** Traffic on the production rule, as a user checks it: blue's and green's weights. */
async function production(target: NativeService) {
  const weights = await ruleWeights(elbv2, target.prodRuleArn);
  return {
    blue: weights[target.blueTargetGroupArn],
    green: weights[target.greenTargetGroupArn],
  };
}

describe.runIf(inject('testbed'))(
  "actions/ecs-deploy with ECS's own strategies, on the test bed",
  () => {
    it('canary: sets the service to CANARY 20%/2 min, follows the stages to SUCCESSFUL, traffic on green', async () => {
      // The service starts ROLLING-configured for blue/green; the step switches it to CANARY.
      const { target, next } = await nativeWithNext({ strategy: 'BLUE_GREEN' });
      const mark = await control.mark();
      const run = await runDeploy({
        ...base(target, next),
        strategy: 'canary',
        'traffic-percentage': '20',
        'traffic-interval': '2',
        'ecs-bake-time': '1',
      });
      expect(run.failures).toEqual([]);
      expect(run.outputs.get('status')).toBe('SUCCEEDED');
      const arn = String(run.outputs.get('service-deployment-arn'));
      expect(arn).toMatch(/:service-deployment\//);
      const entries = await journalOf(mark, arn);
      expect(
        entries.filter((e) => e['traffic'] === 'production').map((e) => e['productionWeight']),
      ).toEqual([20, 100]);
      expect([...new Set(entries.map((e) => e['stage']))].at(-1)).toBe('CLEAN_UP');
      const log = run.logger.text();
      expect(log).toContain('stage: PRODUCTION_TRAFFIC_SHIFT');
      expect(log).toContain('traffic: 20% of production on the new revision');
      expect(log).toContain('strategy: BLUE_GREEN → CANARY');
      const service = await describeService(ecs, target.cluster, target.service);
      expect(service.taskDefinition).toBe(next);
      expect(service.deploymentConfiguration?.strategy).toBe('CANARY');
      expect(service.deploymentConfiguration?.canaryConfiguration).toEqual({
        canaryPercent: 20,
        canaryBakeTimeInMinutes: 2,
      });
      expect(await production(target)).toEqual({ blue: 0, green: 100 });
      const summary = run.written.join('\n');
      expect(summary).toContain('ECS-native CANARY: 20% for 2 min, then 100%');
      expect(summary).toContain("The service's deploymentConfiguration, as this step set it");
      expect(summary).toMatch(/Stages seen:.*BAKE_TIME.*CLEAN_UP/);
    });

    it('linear: the service own 25% steps when no input sets them', async () => {
      const { target, next } = await nativeWithNext({
        strategy: 'LINEAR',
        stepPercent: 25,
        stepBakeMinutes: 1,
      });
      const mark = await control.mark();
      const run = await runDeploy({ ...base(target, next), strategy: 'linear' });
      expect(run.failures).toEqual([]);
      const arn = String(run.outputs.get('service-deployment-arn'));
      expect(
        (await journalOf(mark, arn))
          .filter((e) => e['traffic'] === 'production')
          .map((e) => e['productionWeight']),
      ).toEqual([25, 50, 75, 100]);
      expect(run.logger.text()).not.toContain('deploymentConfiguration changes');
    });

    it('an alarm during ECS bake: our bake fails, StopServiceDeployment rolls back, traffic on blue', async () => {
      const alarm = `native-deploy-${Date.now()}`;
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
      const { target, next } = await nativeWithNext({ strategy: 'BLUE_GREEN', bakeMinutes: 30 });
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const running = runDeploy(
        {
          ...base(target, next),
          strategy: 'blue-green',
          'bake-time': '10m',
          alarms: alarm,
          'analysis-interval': '10s',
        },
        accessKey,
      );
      const arn = await waitForArn(mark);
      await waitForServiceDeployment(
        ecs,
        arn,
        (d) => d.lifecycleStage === 'BAKE_TIME',
        'bake',
        60_000,
      );
      await cloudwatch.send(
        new SetAlarmStateCommand({ AlarmName: alarm, StateValue: 'ALARM', StateReason: 'test' }),
      );
      const run = await running;
      expect(run.outputs.get('status')).toBe('FAILED');
      expect(run.outputs.get('rolled-back')).toBe('true');
      expect(run.failures[0]).toMatch(/StopServiceDeployment with rollback: traffic back on it/);
      const stops = (await control.requests(mark, accessKey)).filter(
        (r) => r.operation === 'StopServiceDeployment',
      );
      expect(stops.map((r) => r.params?.['stopType'])).toEqual(['ROLLBACK']);
      expect(await production(target)).toEqual({ blue: 100, green: 0 });
      expect((await describeService(ecs, target.cluster, target.service)).taskDefinition).toBe(
        target.firstTaskDefinition,
      );
    });

    it('failing green tasks: ECS rolls back before any production traffic moves', async () => {
      const { target, next } = await nativeWithNext({ strategy: 'CANARY' });
      await control.failTasks({ taskDefinition: next, mode: 'exit' });
      const run = await runDeploy({ ...base(target, next), strategy: 'canary' });
      expect(run.outputs.get('status')).toBe('FAILED');
      expect(run.outputs.get('rolled-back')).toBe('true');
      expect(run.failures[0]).toMatch(/ECS rolled the deployment back: Circuit breaker/);
      expect(run.logger.text()).toMatch(/stopped/);
      expect(await production(target)).toEqual({ blue: 100, green: 0 });
    });

    it('wait-until ready stops at the PAUSE hook; the continue step resumes it and follows to the end', async () => {
      const { target, next } = await nativeWithNext({
        strategy: 'BLUE_GREEN',
        hooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
      });
      const ready = await runDeploy({
        ...base(target, next),
        strategy: 'blue-green',
        'wait-until': 'ready',
      });
      expect(ready.failures).toEqual([]);
      expect(ready.outputs.get('status')).toBe('READY');
      const arn = String(ready.outputs.get('service-deployment-arn'));
      const hookId = String(ready.outputs.get('hook-id'));
      expect(hookId).not.toBe('');
      expect(await ruleWeights(elbv2, target.testRuleArn)).toEqual({
        [target.blueTargetGroupArn]: 0,
        [target.greenTargetGroupArn]: 100,
      });
      expect(await production(target)).toEqual({ blue: 100, green: 0 });
      const resumed = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        strategy: 'blue-green',
        'continue-deployment-id': arn,
        'hook-id': hookId,
      });
      expect(resumed.failures).toEqual([]);
      expect(resumed.outputs.get('status')).toBe('SUCCEEDED');
      expect(resumed.logger.text()).toContain(
        `Continued service deployment ${arn} at hook ${hookId}`,
      );
      expect(await production(target)).toEqual({ blue: 0, green: 100 });
    });

    it('wait-until bake returns BAKING once traffic moved and bake-time held; ECS finishes on its own', async () => {
      const { target, next } = await nativeWithNext({ strategy: 'BLUE_GREEN', bakeMinutes: 10 });
      const run = await runDeploy({
        ...base(target, next),
        strategy: 'blue-green',
        'wait-until': 'bake',
        'bake-time': '2m',
      });
      expect(run.failures).toEqual([]);
      expect(run.outputs.get('status')).toBe('BAKING');
      expect(Number(run.outputs.get('bake-seconds'))).toBeGreaterThanOrEqual(120);
      expect(run.written.join('\n')).toContain('Not finished');
      const arn = String(run.outputs.get('service-deployment-arn'));
      const done = await waitForServiceDeployment(
        ecs,
        arn,
        (d) => d.status === 'SUCCESSFUL',
        'ECS to finish',
        30_000,
      );
      expect(done?.status).toBe('SUCCESSFUL');
    });

    it('a lost UpdateService answer: one service deployment, found and followed', async () => {
      const { target, next } = await nativeWithNext({ strategy: 'BLUE_GREEN' });
      const accessKey = uniqueAccessKey();
      await control.addFault({
        kind: 'drop-response',
        service: 'ecs',
        operation: 'UpdateService',
        accessKey,
      });
      const mark = await control.mark();
      const run = await runDeploy({ ...base(target, next), strategy: 'blue-green' }, accessKey);
      expect(run.failures).toEqual([]);
      expect(run.outputs.get('status')).toBe('SUCCEEDED');
      expect(run.logger.text()).toContain('the answer was lost');
      const updates = (await control.requests(mark, accessKey)).filter(
        (r) => r.operation === 'UpdateService',
      );
      expect(updates.map((r) => r.fault ?? r.status)).toEqual(['drop-response']);
      const started = (await control.journal(mark)).filter(
        (e) =>
          e.kind === 'native' &&
          e['stage'] === 'RECONCILE_SERVICE' &&
          e['serviceArn'] === target.serviceArn,
      );
      expect(started).toHaveLength(1);
    });

    it('the post step of a cancelled job stops the deployment with rollback', async () => {
      const { target, next } = await nativeWithNext({
        strategy: 'LINEAR',
        stepPercent: 10,
        stepBakeMinutes: 5,
      });
      const main = await runDeploy({
        ...base(target, next),
        strategy: 'linear',
        'wait-until': 'submitted',
      });
      expect(main.outputs.get('status')).toBe('SUBMITTED');
      const arn = String(main.outputs.get('service-deployment-arn'));
      await waitForServiceDeployment(
        ecs,
        arn,
        (d) => (d.targetServiceRevision?.requestedProductionTrafficWeight ?? 0) >= 10,
        'the first step',
      );
      main.state.save('finished', 'false');
      const post = recordingRuntime({}, emulatorEnv());
      for (const [key, value] of main.state.values) post.state.save(key, value);
      await runAction(ecsDeploy, {
        ...post.runtime,
        ...scaledClock((await control.status()).scale),
      });
      expect(post.failures).toEqual([]);
      expect(post.logger.messages('warning')[0]).toMatch(/stopping it with rollback/);
      const done = await waitForServiceDeployment(
        ecs,
        arn,
        (d) => d.status === 'ROLLBACK_SUCCESSFUL',
        'the rollback',
      );
      expect(done?.rollback?.reason).toMatch(/StopServiceDeployment/);
      expect(await production(target)).toEqual({ blue: 100, green: 0 });
    });

    it('a newer deployment by someone else replaces ours: REPLACED, nothing rolled back', async () => {
      const { target, next } = await nativeWithNext({
        strategy: 'LINEAR',
        stepPercent: 10,
        stepBakeMinutes: 5,
      });
      const theirs = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:3');
      const mark = await control.mark();
      const running = runDeploy({ ...base(target, next), strategy: 'linear' });
      const arn = await waitForArn(mark);
      await waitForServiceDeployment(
        ecs,
        arn,
        (d) => d.lifecycleStage === 'PRODUCTION_TRAFFIC_SHIFT',
        'shift',
      );
      await ecs.send(
        new UpdateServiceCommand({
          cluster: target.cluster,
          service: target.service,
          taskDefinition: theirs,
        }),
      );
      const run = await running;
      expect(run.outputs.get('status')).toBe('REPLACED');
      expect(run.outputs.get('rolled-back')).toBe('false');
      expect((await describeService(ecs, target.cluster, target.service)).taskDefinition).toBe(
        theirs,
      );
    });

    it('refuses before any write: no advancedConfiguration, rolling on a CANARY service, CodeDeploy inputs', async () => {
      const plain = await createNativeService({ ecs, elbv2 }, endpoint, {
        strategy: 'BLUE_GREEN',
        withoutAdvanced: true,
      }).catch((error: unknown) => error);
      expect(String(plain)).toMatch(/requires advancedConfiguration/);
      const { target, next } = await nativeWithNext({ strategy: 'CANARY' });
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const cases: [Record<string, string>, RegExp][] = [
        [{}, /deploys with ECS's own CANARY strategy, but this step asks for strategy 'rolling'/],
        [
          { strategy: 'canary', 'deployment-config': 'X' },
          /Input 'deployment-config' shapes a CodeDeploy deployment/,
        ],
        [
          { strategy: 'blue-green', 'traffic-percentage': '10', 'traffic-interval': '1' },
          /blue-green moves all traffic at once/,
        ],
        [
          { strategy: 'linear', 'traffic-percentage': '2', 'traffic-interval': '1' },
          /moves 3% to 100% a step/,
        ],
        [{ strategy: 'canary', 'wait-until': 'ready' }, /has none: the step would never be ready/],
      ];
      for (const [inputs, message] of cases) {
        const run = await runDeploy({ ...base(target, next), ...inputs }, accessKey);
        expect(run.failures[0]).toMatch(message);
      }
      expect(await control.writes(mark, accessKey)).toEqual([]);
    });

    it('ecs-rollback stops an in-flight native deployment with rollback', async () => {
      const { target, next } = await nativeWithNext({
        strategy: 'LINEAR',
        stepPercent: 10,
        stepBakeMinutes: 5,
      });
      const main = await runDeploy({
        ...base(target, next),
        strategy: 'linear',
        'wait-until': 'submitted',
      });
      const arn = String(main.outputs.get('service-deployment-arn'));
      await waitForServiceDeployment(
        ecs,
        arn,
        (d) => (d.targetServiceRevision?.requestedProductionTrafficWeight ?? 0) >= 10,
        'the first step',
      );
      const rollback = await runRollback({ cluster: target.cluster, service: target.service });
      expect(rollback.failures).toEqual([]);
      expect(rollback.logger.text()).toContain(`StopServiceDeployment`);
      const done = await waitForServiceDeployment(
        ecs,
        arn,
        (d) => d.status === 'ROLLBACK_SUCCESSFUL',
        'rollback',
      );
      expect(done?.status).toBe('ROLLBACK_SUCCESSFUL');
      expect(await production(target)).toEqual({ blue: 100, green: 0 });
      expect((await describeService(ecs, target.cluster, target.service)).taskDefinition).toBe(
        target.firstTaskDefinition,
      );
    });
  },
);

describe.runIf(inject('testbed'))(
  'actions/ecs-deploy ECS-native: approvals, hooks, rollback at rest, dry run',
  () => {
    let github: Awaited<ReturnType<typeof startFakeGithub>>;
    beforeAll(async () => {
      github = await startFakeGithub();
    });
    afterAll(() => github.close());

    it('the ready and continue steps are one GitHub Deployment: in progress at the pause, success at the end', async () => {
      const { target, next } = await nativeWithNext({
        strategy: 'BLUE_GREEN',
        hooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
      });
      const env = {
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: 'shop/web',
        GITHUB_SHA: 'feedface0123456789abcdef0123456789abcdef',
        GITHUB_RUN_ID: '77',
        GITHUB_SERVER_URL: 'https://github.example',
      };
      const token = {
        'github-token': 'ghs_fakeTokenForTheTestBed0123456789',
        environment: 'native',
      };
      const before = github.deployments.length;
      const ready = await runDeploy(
        { ...base(target, next), ...token, strategy: 'blue-green', 'wait-until': 'ready' },
        uniqueAccessKey(),
        env,
      );
      expect(ready.outputs.get('status')).toBe('READY');
      const resumed = await runDeploy(
        {
          cluster: target.cluster,
          service: target.service,
          ...token,
          strategy: 'blue-green',
          'continue-deployment-id': String(ready.outputs.get('service-deployment-arn')),
        },
        uniqueAccessKey(),
        env,
      );
      expect(resumed.failures).toEqual([]);
      const created = github.deployments.slice(before);
      expect(created).toHaveLength(1);
      expect(created[0]?.statuses.map((st) => st.state)).toEqual([
        'in_progress',
        'in_progress',
        'in_progress',
        'success',
      ]);
    });

    it('discarded at the approval: the GitHub Deployment ends inactive, not success', async () => {
      const { target, next } = await nativeWithNext({
        strategy: 'BLUE_GREEN',
        hooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
      });
      const env = {
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: 'shop/web',
        GITHUB_SHA: 'deadbeef0123456789abcdef0123456789abcdef',
        GITHUB_RUN_ID: '78',
        GITHUB_SERVER_URL: 'https://github.example',
      };
      const token = {
        'github-token': 'ghs_fakeTokenForTheTestBed0123456789',
        environment: 'native',
      };
      const before = github.deployments.length;
      const ready = await runDeploy(
        { ...base(target, next), ...token, strategy: 'blue-green', 'wait-until': 'ready' },
        uniqueAccessKey(),
        env,
      );
      const discarded = await runDeploy(
        {
          cluster: target.cluster,
          service: target.service,
          ...token,
          strategy: 'blue-green',
          'continue-deployment-id': String(ready.outputs.get('service-deployment-arn')),
          'hook-action': 'rollback',
        },
        uniqueAccessKey(),
        env,
      );
      expect(discarded.failures).toEqual([]);
      expect(discarded.outputs.get('status')).toBe('DISCARDED');
      const created = github.deployments.slice(before);
      expect(created).toHaveLength(1);
      expect(created[0]?.statuses.at(-1)?.state).toBe('inactive');
      expect(await production(target)).toEqual({ blue: 100, green: 0 });
    });

    it('a Lambda hook that fails: ECS rolls back, the step says which stage', async () => {
      const fn = `arn:aws:lambda:eu-west-1:123456789012:function:${Date.now()}-smoke`;
      const { target, next } = await nativeWithNext({
        strategy: 'BLUE_GREEN',
        hooks: [
          {
            targetType: 'AWS_LAMBDA',
            hookTargetArn: fn,
            roleArn: 'arn:aws:iam::123456789012:role/hooks',
            lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
          },
        ],
      });
      await control.hookAnswer(fn, 'FAILED');
      const run = await runDeploy({ ...base(target, next), strategy: 'blue-green' });
      expect(run.outputs.get('status')).toBe('FAILED');
      expect(run.outputs.get('rolled-back')).toBe('true');
      expect(run.failures[0]).toMatch(/A lifecycle hook of stage POST_TEST_TRAFFIC_SHIFT failed/);
      expect(run.logger.text()).toMatch(/hook: AWS_LAMBDA .* FAILED/);
      expect(await production(target)).toEqual({ blue: 100, green: 0 });
    });

    it('ecs-rollback of a native service at rest deploys the previous revision through its strategy', async () => {
      const { target, next } = await nativeWithNext({ strategy: 'BLUE_GREEN' });
      const deployed = await runDeploy({ ...base(target, next), strategy: 'blue-green' });
      expect(deployed.outputs.get('status')).toBe('SUCCEEDED');
      const rollback = await runRollback({ cluster: target.cluster, service: target.service });
      expect(rollback.failures).toEqual([]);
      expect(rollback.outputs.get('status')).toBe('COMPLETED');
      expect(String(rollback.outputs.get('deployment-id'))).toMatch(/:service-deployment\//);
      expect(rollback.logger.text()).toMatch(/BLUE_GREEN, the service's own strategy/);
      expect((await describeService(ecs, target.cluster, target.service)).taskDefinition).toBe(
        target.firstTaskDefinition,
      );
      // Blue/green twice: the first release moved production to green, the rollback back to blue.
      expect(await production(target)).toEqual({ blue: 100, green: 0 });
    });

    it('dry run: the strategy, its steps and the configuration it would set, no write', async () => {
      const { target, next } = await nativeWithNext({ strategy: 'BLUE_GREEN', bakeMinutes: 5 });
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const run = await runDeploy(
        {
          ...base(target, next),
          strategy: 'linear',
          'traffic-percentage': '25',
          'traffic-interval': '2',
          'dry-run': 'true',
        },
        accessKey,
      );
      expect(run.failures).toEqual([]);
      expect(run.outputs.get('status')).toBe('DRY_RUN');
      const log = run.logger.text();
      expect(log).toContain("strategy: linear through ECS's own LINEAR strategy (no CodeDeploy)");
      expect(log).toContain('production traffic: 25% more every 2 min (4 steps)');
      expect(log).toContain('setting deploymentConfiguration.strategy: BLUE_GREEN -> LINEAR');
      expect(await control.writes(mark, accessKey)).toEqual([]);
    });
  },
);

/** The service deployment a running step started, from the journal. */
async function waitForArn(mark: number): Promise<string> {
  for (let i = 0; i < 300; i += 1) {
    const entry = (await control.journal(mark)).find((e) => e.kind === 'native');
    if (entry !== undefined) return String(entry['serviceDeploymentArn']);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no native deployment started');
}
