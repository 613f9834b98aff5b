import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../testbed/client.ts';
import { sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { createBlueGreenService, listenerWeights } from '../support/codedeploy-fixtures.js';
import { runDeploy, servingTaskDefinition } from '../support/deploy-run.js';
import { createRollingService, registerWebTaskDefinition } from '../support/ecs-fixtures.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const codedeploy = new CodeDeployClient(sdkConfig());

const KINDS = ['throttle', 'http500', 'http503', 'drop'] as const;
/** Every AWS operation a deployment makes, per path (a clean run checks the list is complete). */
const OPERATIONS = {
  rolling: [
    'DescribeRepositories',
    'DescribeServices',
    'DescribeTaskDefinition',
    'DescribeTasks',
    'ListTasks',
    'TagResource',
    'UpdateService',
  ],
  'blue-green': [
    'BatchGetDeploymentTargets',
    'CreateDeployment',
    'DescribeRepositories',
    'DescribeServices',
    'DescribeTargetGroups',
    'DescribeTaskDefinition',
    'DescribeTasks',
    'GetDeployment',
    'GetDeploymentConfig',
    'GetDeploymentGroup',
    'ListDeployments',
    'ListTasks',
    'TagResource',
  ],
} as const;
/**
 * Reads a follower makes only when one of its reads falls in a window (the new tasks' start
 * times, read once they all run and before the old ones stop or traffic shifts): called on most
 * runs, not all, as the test bed's timing goes.
 */
const WHEN_TIMED: readonly string[] = ['DescribeTasks', 'ListTasks'];
type Path = keyof typeof OPERATIONS;

const tally = { tried: 0, passed: 0 };

/** A service on the path's controller with a next revision to deploy; its end state checked after. */
async function scenario(path: Path) {
  if (path === 'rolling') {
    const target = await createRollingService(ecs, { desiredCount: 1 });
    const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    return {
      inputs: { cluster: target.cluster, service: target.service, 'task-definition': next },
      check: async () => {
        const described = await ecs.send(
          new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }),
        );
        expect(
          described.services?.[0]?.deployments?.map((d) => [d.taskDefinition, d.rolloutState]),
        ).toEqual([[next, 'COMPLETED']]);
      },
    };
  }
  const target = await createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint);
  const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
  return {
    inputs: {
      cluster: target.cluster,
      service: target.service,
      'task-definition': next,
      strategy: 'blue-green',
    },
    check: async () => {
      expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(next);
      expect(await listenerWeights(elbv2, target.prodListenerArn)).toMatchObject({
        [target.greenTargetGroupArn]: 100,
      });
    },
  };
}

describe.runIf(inject('testbed'))(
  'fault suite on the test bed: every operation of a deployment throttled, failing (500, 503) or dropped twice in a row',
  () => {
    afterAll(() => {
      console.log(`fault suite: ${tally.tried} cases tried, ${tally.passed} passed`);
    });

    it.each(Object.keys(OPERATIONS) as Path[])(
      'the %s path calls no operation the suite leaves out',
      async (path) => {
        const { inputs, check } = await scenario(path);
        const accessKey = uniqueAccessKey();
        const mark = await control.mark();
        const run = await runDeploy(inputs, accessKey);
        expect(run.failures).toEqual([]);
        await check();
        const called = new Set((await control.requests(mark, accessKey)).map((r) => r.operation));
        const listed: readonly string[] = OPERATIONS[path];
        expect([...called].filter((op) => !listed.includes(op ?? ''))).toEqual([]);
        expect(listed.filter((op) => !called.has(op) && !WHEN_TIMED.includes(op))).toEqual([]);
      },
    );

    const cases = (Object.keys(OPERATIONS) as Path[]).flatMap((path) =>
      OPERATIONS[path].flatMap((operation) =>
        KINDS.map((kind) => [path, operation, kind] as const),
      ),
    );
    it.concurrent.each(cases)(
      '%s: %s meets %s twice, and the deployment still ends right',
      async (path, operation, kind) => {
        tally.tried += 1;
        const { inputs, check } = await scenario(path);
        const accessKey = uniqueAccessKey();
        await control.addFault({ kind, operation, count: 2, accessKey });
        const run = await runDeploy(inputs, accessKey);
        expect(run.failures).toEqual([]);
        await check();
        tally.passed += 1;
      },
    );

    it('a deployment is still followed to its end through a long stretch of throttling while it runs', async () => {
      tally.tried += 1;
      const { inputs, check } = await scenario('rolling');
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const running = runDeploy(inputs, accessKey);
      // Once the deployment has started, its reads are throttled 12 times in a row (past the SDK's 3 attempts).
      for (;;) {
        const sent = await control.requests(mark, accessKey);
        if (sent.some((r) => r.operation === 'UpdateService')) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await control.addFault({
        kind: 'throttle',
        operation: 'DescribeServices',
        count: 12,
        accessKey,
      });
      const run = await running;
      expect(run.failures).toEqual([]);
      expect(run.logger.text()).toContain('still following it');
      await check();
      tally.passed += 1;
    });

    it('fails with a clear error when throttling outlasts the budget, before any deployment starts', async () => {
      tally.tried += 1;
      const { inputs } = await scenario('rolling');
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      await control.addFault({
        kind: 'throttle',
        operation: 'UpdateService',
        count: 50,
        accessKey,
      });
      const run = await runDeploy(inputs, accessKey);
      expect(run.failures).toHaveLength(1);
      expect(run.failures[0]).toMatch(
        /ECS UpdateService failed with ThrottlingException.*AWS kept throttling/,
      );
      const writes = await control.requests(mark, accessKey);
      expect(writes.filter((r) => r.operation === 'UpdateService' && r.status === 200)).toEqual([]);
      tally.passed += 1;
    });
  },
);
