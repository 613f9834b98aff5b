import { ECSClient } from '@aws-sdk/client-ecs';
import {
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ecsDeploy } from '../../src/actions/ecs-deploy/action.js';
import { runAction } from '../../src/core/action/run.js';
import { recordingRuntime } from '../support/runtime.js';
import { scaledClock } from '../support/scaled-clock.js';
import { type NativeService, createNativeService } from '../support/native-fixtures.js';
import { describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../testbed/client.ts';
import { emulatorEnv, sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { runDeploy } from '../support/deploy-run.js';
import {
  createRollingService,
  describeService,
  registerWebTaskDefinition,
} from '../support/ecs-fixtures.js';

const control = new TestbedControl(inject('awsEndpoint'));
const ecs = new ECSClient(sdkConfig());

describe.runIf(inject('testbed'))(
  'actions/ecs-deploy: recreate and shadow, on the test bed',
  () => {
    it('recreate: every old task is asked to stop before the first new one starts; min and max come back, with no second deployment', async () => {
      const target = await createRollingService(ecs, {
        desiredCount: 3,
        deploymentConfiguration: {
          minimumHealthyPercent: 50,
          maximumPercent: 150,
          deploymentCircuitBreaker: { enable: true, rollback: true },
        },
      });
      const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const run = await runDeploy(
        {
          cluster: target.cluster,
          service: target.service,
          'task-definition': next,
          strategy: 'recreate',
        },
        accessKey,
      );
      expect(run.failures).toEqual([]);
      expect(run.outputs.get('status')).toBe('SUCCEEDED');
      const tasks = (await control.journal(mark)).filter(
        (e) => e.kind === 'task' && e['service'] === `${target.cluster}:${target.service}`,
      );
      const oldStops = tasks.filter(
        (e) => e['event'] === 'stop' && e['taskDefinition'] === target.firstTaskDefinition,
      );
      const newStarts = tasks.filter((e) => e['event'] === 'start' && e['taskDefinition'] === next);
      expect(oldStops).toHaveLength(3);
      expect(newStarts).toHaveLength(3);
      const lastStop = Math.max(...oldStops.map((e) => e.seq));
      const firstStart = Math.min(...newStarts.map((e) => e.seq));
      expect(lastStop).toBeLessThan(firstStart);
      // The deployment ran with 0/100; the service's own 50/150 came back without a deployment.
      const updates = (await control.requests(mark, accessKey)).filter(
        (r) => r.operation === 'UpdateService',
      );
      expect(
        updates.map((r) => {
          const config = r.params?.['deploymentConfiguration'] as
            { minimumHealthyPercent?: number; maximumPercent?: number } | undefined;
          return [config?.minimumHealthyPercent, config?.maximumPercent];
        }),
      ).toEqual([
        [0, 100],
        [50, 150],
      ]);
      const service = await describeService(ecs, target.cluster, target.service);
      expect(service.deploymentConfiguration).toMatchObject({
        minimumHealthyPercent: 50,
        maximumPercent: 150,
        deploymentCircuitBreaker: { enable: true, rollback: true },
      });
      expect(service.deployments?.map((d) => [d.taskDefinition, d.rolloutState])).toEqual([
        [next, 'COMPLETED'],
      ]);
      expect(run.logger.text()).toMatch(/Recreate: no task of the service ran for about \d+/);
      expect(run.logger.text()).toContain(
        'ECS starts no deployment for a deploymentConfiguration change alone',
      );
      expect(run.written.join('\n')).toMatch(/\*\*Recreate:\*\* every old task stopped/);
    });

    it('recreate: a release that fails is rolled back, and min and max still come back', async () => {
      const target = await createRollingService(ecs, { desiredCount: 1 });
      const broken = await registerWebTaskDefinition(
        ecs,
        target.family,
        'registry.example/web:bad',
      );
      await control.failTasks({ taskDefinition: broken, mode: 'unhealthy' });
      const run = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': broken,
        strategy: 'recreate',
        timeout: '2m',
      });
      expect(run.outputs.get('status')).toBe('FAILED');
      expect(run.outputs.get('rolled-back')).toBe('true');
      const service = await describeService(ecs, target.cluster, target.service);
      expect(service.taskDefinition).toBe(target.firstTaskDefinition);
      expect(service.deploymentConfiguration).toMatchObject({
        minimumHealthyPercent: 100,
        maximumPercent: 200,
      });
    });

    it('shadow is refused before anything is read, naming what exists on AWS instead', async () => {
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const run = await runDeploy(
        { cluster: 'any', service: 'web', 'task-definition': 'web:2', strategy: 'shadow' },
        accessKey,
      );
      expect(run.failures[0]).toMatch(
        /^Strategy 'shadow' cannot be done on ECS behind an Application Load Balancer: an ALB forwards each request to exactly one target group/,
      );
      expect(run.failures[0]).toMatch(/VPC Traffic Mirroring/);
      expect(await control.requests(mark, accessKey)).toEqual([]);
    });
  },
);

describe.runIf(inject('testbed'))(
  'actions/ecs-deploy: A/B by header or cookie on an ECS-native blue/green, on the test bed',
  () => {
    const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
    const abService = () =>
      createNativeService({ ecs, elbv2 }, inject('awsEndpoint'), {
        strategy: 'BLUE_GREEN',
        testRuleOnProductionListener: true,
        hooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
      });
    /** Where a request on the production listener goes: blue, green, or both by weight. */
    const reaches = async (
      target: NativeService,
      request: { headers?: Record<string, string>; cookies?: Record<string, string> },
    ) => {
      const routed = await control.route({ listenerArn: target.prodListenerArn, ...request });
      const weights = routed.targetGroups;
      const blue = weights[target.blueTargetGroupArn] ?? 0;
      const green = weights[target.greenTargetGroupArn] ?? 0;
      return green === 0 ? 'blue' : blue === 0 ? 'green' : `blue ${blue} / green ${green}`;
    };
    const conditions = async (ruleArn: string) =>
      (
        await elbv2.send(new DescribeRulesCommand({ RuleArns: [ruleArn] }))
      ).Rules?.[0]?.Conditions?.map((c) => [
        c.Field,
        c.HttpHeaderConfig?.HttpHeaderName,
        c.HttpHeaderConfig?.Values,
      ]);

    it('cookie: during the pause beta=1 reaches green, everyone else blue; promoted, the rule is back', async () => {
      const target = await abService();
      const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const original = await conditions(target.testRuleArn);
      expect(original).toEqual([['http-header', 'X-Test', ['1']]]);
      const ready = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': next,
        strategy: 'blue-green',
        'wait-until': 'ready',
        'test-traffic-cookie': 'beta=1',
      });
      expect(ready.failures).toEqual([]);
      expect(ready.outputs.get('status')).toBe('READY');
      expect(await reaches(target, { cookies: { session: 'x', beta: '1' } })).toBe('green');
      expect(await reaches(target, { cookies: { session: 'x' } })).toBe('blue');
      expect(await reaches(target, {})).toBe('blue');
      // The rule's own condition no longer applies during the split.
      expect(await reaches(target, { headers: { 'X-Test': '1' } })).toBe('blue');
      expect(ready.written.join('\n')).toContain(
        '**A/B:** requests on the production listener with cookie beta=1 reach the new version; everyone else stays on the old one.',
      );
      const promoted = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        strategy: 'blue-green',
        'continue-deployment-id': String(ready.outputs.get('service-deployment-arn')),
      });
      expect(promoted.failures).toEqual([]);
      expect(promoted.outputs.get('status')).toBe('SUCCEEDED');
      expect(await conditions(target.testRuleArn)).toEqual(original);
      expect(await reaches(target, {})).toBe('green');
    });

    it('header: discarded at the pause (hook-action rollback): traffic stays on blue, the rule is back', async () => {
      const target = await abService();
      const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const original = await conditions(target.testRuleArn);
      const ready = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': next,
        strategy: 'blue-green',
        'wait-until': 'ready',
        'test-traffic-header': 'X-Beta: yes',
      });
      expect(ready.outputs.get('status')).toBe('READY');
      expect(await reaches(target, { headers: { 'x-beta': 'YES' } })).toBe('green');
      expect(await reaches(target, { headers: { 'X-Beta': 'no' } })).toBe('blue');
      const discarded = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        strategy: 'blue-green',
        'continue-deployment-id': String(ready.outputs.get('service-deployment-arn')),
        'hook-action': 'rollback',
      });
      expect(discarded.failures).toEqual([]);
      expect(discarded.outputs.get('status')).toBe('DISCARDED');
      expect(await conditions(target.testRuleArn)).toEqual(original);
      expect(await reaches(target, { headers: { 'X-Beta': 'yes' } })).toBe('blue');
      expect((await describeService(ecs, target.cluster, target.service)).taskDefinition).toBe(
        target.firstTaskDefinition,
      );
    });

    it('a cancelled job: the post step stops the deployment and puts the rule back', async () => {
      const target = await abService();
      const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const original = await conditions(target.testRuleArn);
      const main = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': next,
        strategy: 'blue-green',
        'wait-until': 'ready',
        'test-traffic-header': 'X-Beta: yes',
      });
      expect(main.outputs.get('status')).toBe('READY');
      main.state.save('finished', 'false');
      const post = recordingRuntime({}, emulatorEnv());
      for (const [key, value] of main.state.values) post.state.save(key, value);
      await runAction(ecsDeploy, {
        ...post.runtime,
        ...scaledClock((await control.status()).scale),
      });
      expect(post.failures).toEqual([]);
      expect(post.logger.text()).toContain("the test listener rule's own conditions are back");
      expect(await conditions(target.testRuleArn)).toEqual(original);
    });

    it('refuses a test rule on another listener, before any write', async () => {
      const target = await createNativeService({ ecs, elbv2 }, inject('awsEndpoint'), {
        strategy: 'BLUE_GREEN',
        hooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
      });
      const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const run = await runDeploy(
        {
          cluster: target.cluster,
          service: target.service,
          'task-definition': next,
          strategy: 'blue-green',
          'wait-until': 'ready',
          'test-traffic-header': 'X-Beta: yes',
        },
        accessKey,
      );
      expect(run.failures[0]).toMatch(/needs the test listener rule on the production listener/);
      expect(await control.writes(mark, accessKey)).toEqual([]);
    });
  },
);
