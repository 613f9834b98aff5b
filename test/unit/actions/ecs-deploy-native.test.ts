import type { Service, ServiceDeployment, TaskDefinition } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { type DeployInputs, readInputs } from '../../../src/actions/ecs-deploy/inputs.js';
import { nativeConfiguration } from '../../../src/actions/ecs-deploy/native-plan.js';
import { planCodeDeploy, planDeploy } from '../../../src/actions/ecs-deploy/plan.js';
import { InputReader, recordInputs } from '../../../src/core/action/inputs.js';
import { nativeDone, nativeStand } from '../../../src/core/deploy/ecs-native.js';
import { listenerOfRule, ruleCondition } from '../../../src/core/deploy/test-traffic.js';

const ARN = 'arn:aws:ecs:eu-west-1:123456789012';
const td = (revision: number) => `${ARN}:task-definition/web:${revision}`;
const SD = `${ARN}:service-deployment/prod/web/aBcD123`;

const read = (values: Record<string, string>): DeployInputs =>
  readInputs(
    new InputReader(
      recordInputs({ cluster: 'prod', service: 'web', 'task-definition': td(2), ...values }),
    ),
    { env: { AWS_REGION: 'eu-west-1' }, setSecret: () => undefined },
  );

const nativeService = (overrides: Partial<Service> = {}): Service => ({
  serviceArn: `${ARN}:service/prod/web`,
  clusterArn: `${ARN}:cluster/prod`,
  taskDefinition: td(1),
  desiredCount: 2,
  deploymentController: { type: 'ECS' },
  deploymentConfiguration: {
    strategy: 'BLUE_GREEN',
    bakeTimeInMinutes: 5,
    lifecycleHooks: [
      {
        targetType: 'PAUSE',
        lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
        roleArn: 'arn:aws:iam::123456789012:role/hooks',
      },
    ],
  },
  deployments: [
    { id: 'ecs-svc/1', status: 'PRIMARY', taskDefinition: td(1), rolloutState: 'COMPLETED' },
  ],
  loadBalancers: [
    {
      targetGroupArn: 'tg-blue',
      containerName: 'web',
      containerPort: 8080,
      advancedConfiguration: {
        alternateTargetGroupArn: 'tg-green',
        productionListenerRule: 'rule-prod',
        testListenerRule: 'rule-test',
        roleArn: 'arn:aws:iam::123456789012:role/ecs-lb',
      },
    },
  ],
  ...overrides,
});
const definition: TaskDefinition = {
  taskDefinitionArn: td(2),
  status: 'ACTIVE',
  containerDefinitions: [{ name: 'web', image: 'web:2', portMappings: [{ containerPort: 8080 }] }],
};
const plan = (values: Record<string, string>, service = nativeService()) =>
  planDeploy(read(values), service, definition);

describe('ecs-deploy plan: ECS-native strategies', () => {
  it.each([
    [{ strategy: 'blue-green' }, 'BLUE_GREEN', '100% at once', [] as string[]],
    [
      { strategy: 'canary', 'traffic-percentage': '2.5', 'traffic-interval': '10' },
      'CANARY',
      '2.5% for 10 min, then 100%',
      [
        'strategy: BLUE_GREEN → CANARY',
        'canaryPercent: not set → 2.5',
        'canaryBakeTimeInMinutes: not set → 10',
      ],
    ],
    [
      {
        strategy: 'linear',
        'traffic-percentage': '20',
        'traffic-interval': '3',
        'ecs-bake-time': '30',
      },
      'LINEAR',
      '20% more every 3 min (5 steps)',
      [
        'strategy: BLUE_GREEN → LINEAR',
        'stepPercent: not set → 20',
        'stepBakeTimeInMinutes: not set → 3',
        'bakeTimeInMinutes: 5 → 30',
      ],
    ],
  ])('%j deploys through ECS %s: %s', (values, strategy, steps, changes) => {
    const planned = plan(values);
    expect(planned.mode).toBe('native');
    expect(planned.native?.strategy).toBe(strategy);
    expect(planned.native?.steps).toBe(steps);
    expect(planned.native?.changes).toEqual(changes);
    // Only a change is sent: UpdateService then keeps the rest of the service's configuration.
    expect(planned.native?.deploymentConfiguration === undefined).toBe(changes.length === 0);
    const actions = planned.permissions.map((p) => p.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'ecs:UpdateService',
        'ecs:ListServiceDeployments',
        'ecs:DescribeServiceDeployments',
        'ecs:DescribeServiceRevisions',
        'ecs:StopServiceDeployment',
      ]),
    );
    // The hooks' role travels with a deploymentConfiguration that is sent: ECS is handed it.
    expect(actions.includes('iam:PassRole')).toBe(changes.length > 0);
  });

  it('keeps the service own canary steps when no input sets them, and says nothing changes', () => {
    const config = nativeConfiguration(
      {
        trafficPercentage: undefined,
        trafficIntervalMinutes: undefined,
        ecsBakeMinutes: undefined,
      },
      {
        strategy: 'CANARY',
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
      },
      'CANARY',
    );
    expect(config.changes).toEqual([]);
    expect(config.next.canaryConfiguration).toEqual({
      canaryPercent: 10,
      canaryBakeTimeInMinutes: 5,
    });
  });

  it.each([
    [{ strategy: 'canary' }, /needs canaryPercent and canaryBakeTimeInMinutes/],
    [
      { strategy: 'linear', 'traffic-percentage': '2', 'traffic-interval': '1' },
      /moves 3% to 100% a step/,
    ],
    [
      { strategy: 'blue-green', 'traffic-percentage': '10', 'traffic-interval': '1' },
      /all traffic at once/,
    ],
    [
      { strategy: 'canary', 'traffic-percentage': '10', 'traffic-interval': '1441' },
      /at most 1440 minutes/,
    ],
    [{ strategy: 'blue-green', appspec: 'appspec.yaml' }, /no file appspec.yaml/],
    [
      { strategy: 'blue-green', 'codedeploy-application': 'A' },
      /Input 'codedeploy-application' shapes a CodeDeploy deployment/,
    ],
    [{ 'ecs-bake-time': '1441' }, /Input 'ecs-bake-time' must be/],
    [{ 'traffic-percentage': '2.55' }, /at most one decimal/],
    [{ 'hook-id': 'h' }, /needs 'continue-deployment-id'/],
  ])('refuses %j before any write', (values, message) => {
    expect(() => plan(values)).toThrow(message);
  });

  it('refuses wait-until ready without a PAUSE hook, and a service without advancedConfiguration', () => {
    const withoutHooks = nativeService({ deploymentConfiguration: { strategy: 'BLUE_GREEN' } });
    expect(() => plan({ strategy: 'blue-green', 'wait-until': 'ready' }, withoutHooks)).toThrow(
      /has none: the step would never be ready/,
    );
    expect(plan({ strategy: 'blue-green', 'wait-until': 'ready' }).native?.strategy).toBe(
      'BLUE_GREEN',
    );
    const bare = nativeService({ loadBalancers: [{ targetGroupArn: 'tg', containerName: 'web' }] });
    expect(() => plan({ strategy: 'blue-green' }, bare)).toThrow(
      /needs each load balancer's advancedConfiguration/,
    );
  });

  it('refuses the ECS-native inputs on a rolling or a CodeDeploy deployment', () => {
    const rolling = nativeService({ deploymentConfiguration: { strategy: 'ROLLING' } });
    expect(() => plan({ 'wait-until': 'bake' }, rolling)).toThrow(/wait-until: bake/);
    expect(() => plan({ 'ecs-bake-time': '5' }, rolling)).toThrow(/ecs-bake-time/);
    const codedeploy = nativeService({ deploymentController: { type: 'CODE_DEPLOY' } });
    const observed = {
      groupExists: true,
      configExists: true,
      inFlight: undefined,
      terminationWaitMs: undefined,
      account: '123456789012',
    };
    expect(() =>
      planCodeDeploy(
        read({ strategy: 'canary', 'traffic-percentage': '2.5', 'traffic-interval': '5' }),
        codedeploy,
        definition,
        observed,
        undefined,
      ),
    ).toThrow(/whole percentage from 1 to 99/);
    expect(() =>
      planCodeDeploy(
        read({ strategy: 'canary', 'wait-until': 'bake' }),
        codedeploy,
        definition,
        observed,
        undefined,
      ),
    ).toThrow(/for ECS's own blue\/green, canary and linear strategies/);
  });

  it('plans the continue step of a paused service deployment: only continue and follow', () => {
    const planned = plan({ 'continue-deployment-id': SD, 'hook-id': 'hook-1' });
    expect(planned.native?.continueArn).toBe(SD);
    const writes = planned.permissions.filter((p) => p.write).map((p) => p.action);
    expect(writes).not.toContain('ecs:UpdateService');
    expect(writes).toContain('ecs:ContinueServiceDeployment');
    expect(() =>
      plan({ 'continue-deployment-id': `${ARN}:service-deployment/prod/other/x1` }),
    ).toThrow(/is not of prod\/web/);
  });

  it('refuses on-in-flight fail over a deployment in progress, and plans wait and stop', () => {
    const busy = nativeService({
      deployments: [
        { id: 'ecs-svc/2', status: 'PRIMARY', taskDefinition: td(5), rolloutState: 'IN_PROGRESS' },
        { id: 'ecs-svc/1', status: 'ACTIVE', taskDefinition: td(1), rolloutState: 'COMPLETED' },
      ],
    });
    expect(() => plan({ strategy: 'blue-green' }, busy)).toThrow(/is still in progress/);
    expect(plan({ strategy: 'blue-green', 'on-in-flight': 'stop' }, busy).inFlight).toBe(
      'ecs-svc/2',
    );
  });
});

describe('ECS-native deployment stands', () => {
  const sd = (d: Partial<ServiceDeployment>): ServiceDeployment => ({
    serviceDeploymentArn: SD,
    status: 'IN_PROGRESS',
    ...d,
  });
  it.each([
    [sd({ lifecycleStage: 'SCALE_UP' }), 'running', [false, false, false]],
    [
      sd({
        lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
        lifecycleHookDetails: [{ hookId: 'h', status: 'AWAITING_ACTION', targetType: 'PAUSE' }],
      }),
      'paused',
      [true, false, false],
    ],
    [sd({ lifecycleStage: 'BAKE_TIME' }), 'baking', [false, true, false]],
    [sd({ lifecycleStage: 'CLEAN_UP' }), 'baking', [false, true, false]],
    [sd({ status: 'ROLLBACK_IN_PROGRESS' }), 'rolling-back', [false, false, false]],
    [sd({ status: 'SUCCESSFUL' }), 'succeeded', [true, true, true]],
    [sd({ status: 'ROLLBACK_SUCCESSFUL' }), 'rolled-back', [true, true, true]],
    [sd({ status: 'ROLLBACK_FAILED' }), 'rollback-failed', [true, true, true]],
    [sd({ status: 'STOPPED' }), 'stopped', [true, true, true]],
  ] as [ServiceDeployment, string, boolean[]][])(
    '%# is %s; done for ready, bake, complete: %j',
    (deployment, kind, done) => {
      const stand = nativeStand(deployment);
      expect(stand.kind).toBe(kind);
      expect((['ready', 'bake', 'complete'] as const).map((u) => nativeDone(stand, u))).toEqual(
        done,
      );
    },
  );
});

describe('A/B on the test listener rule', () => {
  const rule =
    'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee';
  it('finds a rule listener from its ARN alone', () => {
    expect(listenerOfRule(rule)).toBe(
      'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2',
    );
  });

  it.each([
    [
      { 'test-traffic-header': 'X-Beta: yes' },
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Beta', Values: ['yes'] } },
    ],
    [
      { 'test-traffic-cookie': 'beta=1' },
      {
        Field: 'http-header',
        HttpHeaderConfig: { HttpHeaderName: 'Cookie', Values: ['*beta=1*'] },
      },
    ],
  ])('%j becomes the ALB condition %j', (values, condition) => {
    const inputs = read({ strategy: 'blue-green', ...values });
    expect(inputs.abCondition && ruleCondition(inputs.abCondition)).toEqual(condition);
  });

  it.each([
    [{ 'test-traffic-header': 'X-Beta yes' }, /must be 'Name: value'/],
    [{ 'test-traffic-cookie': 'beta = 1' }, /must be 'name=value'/],
    [{ 'test-traffic-cookie': 'a=1', 'test-traffic-header': 'X: 1' }, /Give either/],
    [{ 'hook-action': 'rollback' }, /needs 'continue-deployment-id'/],
  ])('refuses %j', (values, message) => {
    expect(() => read(values)).toThrow(message);
  });

  it('plans the split on a test rule of the production listener, and refuses one elsewhere', () => {
    const listener =
      'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener-rule/app/shop/1/aaa';
    const onProduction = nativeService({
      loadBalancers: [
        {
          targetGroupArn: 'tg-blue',
          containerName: 'web',
          containerPort: 8080,
          advancedConfiguration: {
            alternateTargetGroupArn: 'tg-green',
            productionListenerRule: `${listener}/prod`,
            testListenerRule: `${listener}/test`,
            roleArn: 'arn:aws:iam::123456789012:role/ecs-lb',
          },
        },
      ],
    });
    const planned = plan(
      { strategy: 'blue-green', 'wait-until': 'ready', 'test-traffic-cookie': 'beta=1' },
      onProduction,
    );
    expect(planned.native?.ab?.ruleArn).toBe(`${listener}/test`);
    expect(planned.permissions.map((p) => p.action)).toContain('elasticloadbalancing:ModifyRule');
    expect(() =>
      plan({ strategy: 'blue-green', 'wait-until': 'ready', 'test-traffic-cookie': 'beta=1' }),
    ).toThrow(/needs the test listener rule on the production listener/);
    expect(() =>
      plan(
        { strategy: 'blue-green', 'wait-until': 'submitted', 'test-traffic-cookie': 'beta=1' },
        onProduction,
      ),
    ).toThrow(/leaves no step to put it back/);
  });
});
