import type { Service, TaskDefinition } from '@aws-sdk/client-ecs';
import { RecordingLogger } from '../../support/doubles.js';
import { describe, expect, it } from 'vitest';
import { type DeployInputs, readInputs } from '../../../src/actions/ecs-deploy/inputs.js';
import {
  type ObservedCodeDeploy,
  bakeOutlastsTerminationWait,
  planCodeDeploy,
  planDeploy,
} from '../../../src/actions/ecs-deploy/plan.js';
import { InputReader, recordInputs } from '../../../src/core/action/inputs.js';
import { deploymentConfigFor } from '../../../src/core/deploy/codedeploy-config.js';
import { AnalysisFailure } from '../../../src/core/deploy/analysis.js';
import { type BakeVerdict, bake } from '../../../src/core/deploy/bake.js';

const ARN = 'arn:aws:ecs:eu-west-1:123456789012';
const td = (revision: number) => `${ARN}:task-definition/web:${revision}`;

const read = (values: Record<string, string>): DeployInputs =>
  readInputs(
    new InputReader(recordInputs({ service: 'web', 'task-definition': td(2), ...values })),
    {
      env: { AWS_REGION: 'eu-west-1' },
      setSecret: () => undefined,
    },
  );

describe('ecs-deploy inputs', () => {
  it.each([
    [{}, 5 * 60_000],
    [{ 'bake-time': '0' }, 0],
    [{ 'bake-time': '90s' }, 90_000],
    [{ 'bake-time': '1h' }, 3_600_000],
  ])('bake-time %j is %i ms', (values, bakeMs) => {
    expect(read(values).bakeMs).toBe(bakeMs);
  });

  it.each([
    [{ 'bake-time': 'soon' }, "Input 'bake-time' must be a duration such as 90s, 15m or 1h30m"],
    [{ 'bake-time': '7h' }, "Input 'bake-time' must be"],
    [
      { 'traffic-percentage': '10' },
      "Inputs 'traffic-percentage' and 'traffic-interval' go together",
    ],
    [
      { 'deployment-config': 'X', 'traffic-percentage': '10', 'traffic-interval': '5' },
      "Give either 'deployment-config' or 'traffic-percentage'",
    ],
    [
      { strategy: 'shadow' },
      "Strategy 'shadow' cannot be done on ECS behind an Application Load Balancer",
    ],
    [{ strategy: 'sideways' }, "Input 'strategy'"],
    [
      { 'continue-deployment-id': 'd-123' },
      "Input 'continue-deployment-id' must be a CodeDeploy deployment id",
    ],
    [{ 'task-definition': 'web latest' }, "Input 'task-definition' must be a task definition ARN"],
  ])('refuses %j', (values, message) => {
    expect(() => read(values)).toThrow(message);
  });

  it('names the CodeDeploy application and group as the AWS console does, from the cluster and service', () => {
    const inputs = read({ cluster: `${ARN}:cluster/prod` });
    expect([inputs.application, inputs.deploymentGroup]).toEqual([
      'AppECS-prod-web',
      'DgpECS-prod-web',
    ]);
  });
});

const rollingService = (overrides: Partial<Service> = {}): Service => ({
  serviceArn: `${ARN}:service/prod/web`,
  clusterArn: `${ARN}:cluster/prod`,
  taskDefinition: td(1),
  desiredCount: 2,
  deploymentController: { type: 'ECS' },
  deployments: [
    { id: 'ecs-svc/1', status: 'PRIMARY', taskDefinition: td(1), rolloutState: 'COMPLETED' },
  ],
  loadBalancers: [{ containerName: 'web', containerPort: 8080 }],
  ...overrides,
});
const taskDefinition = (overrides: Partial<TaskDefinition> = {}): TaskDefinition => ({
  taskDefinitionArn: td(2),
  status: 'ACTIVE',
  containerDefinitions: [
    {
      name: 'web',
      image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:2',
      portMappings: [{ containerPort: 8080 }],
    },
  ],
  ...overrides,
});

describe('ecs-deploy plan: rolling', () => {
  it('plans an UpdateService of the service to the new revision, with the one it runs as the rollback target', () => {
    const plan = planDeploy(read({}), rollingService(), taskDefinition());
    expect(plan).toMatchObject({
      mode: 'rolling',
      taskDefinition: td(2),
      previousTaskDefinition: td(1),
      inFlight: undefined,
    });
    expect(plan.permissions.filter((p) => p.write).map((p) => p.action)).toContain(
      'ecs:UpdateService',
    );
  });

  it.each([
    ['no health check', [{ name: 'web' }], false],
    [
      'an essential container with one',
      [{ name: 'web', healthCheck: { command: ['true'] } }],
      true,
    ],
    [
      'only a non-essential container with one',
      [{ name: 'web' }, { name: 'side', essential: false, healthCheck: { command: ['true'] } }],
      false,
    ],
  ])(
    "notes whether the new revision has a container health check (ECS's 40 s rule): %s",
    (_what, containerDefinitions, checked) => {
      const plan = planDeploy(read({}), rollingService(), taskDefinition({ containerDefinitions }));
      expect(plan.healthChecked).toBe(checked);
    },
  );

  const inFlight = rollingService({
    deployments: [
      {
        id: 'ecs-svc/9',
        status: 'PRIMARY',
        taskDefinition: td(1),
        rolloutState: 'IN_PROGRESS',
        createdAt: new Date('2026-12-02T10:00:00Z'),
      },
    ],
  });

  it('refuses, before any write, to deploy over a deployment still in progress (on-in-flight: fail)', () => {
    expect(() => planDeploy(read({}), inFlight, taskDefinition())).toThrow(
      'Deployment ecs-svc/9 (arn:aws:ecs:eu-west-1:123456789012:task-definition/web:1) of default/web, started 2026-12-02T10:00:00.000Z, is still in progress (another run, a person, or ECS rolling back): nothing was changed.',
    );
  });

  it('plans to wait for a deployment still in progress (on-in-flight: wait)', () => {
    const plan = planDeploy(read({ 'on-in-flight': 'wait' }), inFlight, taskDefinition());
    expect(plan.inFlight).toBe('ecs-svc/9');
  });

  // Every input either acts or is refused, before anything is read or written.
  it.each([
    [
      { 'on-in-flight': 'stop' },
      "Input 'on-in-flight: stop' is refused for default/web, a rolling service",
    ],
    [
      { 'wait-until': 'ready' },
      "Input 'wait-until: ready' waits for a blue/green deployment's test traffic",
    ],
    [
      { 'deployment-config': 'CodeDeployDefault.ECSAllAtOnce' },
      "Input 'deployment-config' shapes a CodeDeploy deployment",
    ],
    [
      { 'traffic-percentage': '10', 'traffic-interval': '5' },
      "Input 'traffic-percentage' shapes a CodeDeploy deployment",
    ],
    [
      { 'codedeploy-application': 'App' },
      "Input 'codedeploy-application' shapes a CodeDeploy deployment",
    ],
    [
      { 'codedeploy-deployment-group': 'Dg' },
      "Input 'codedeploy-deployment-group' shapes a CodeDeploy deployment",
    ],
  ])('a rolling service refuses %j', (values, message) => {
    expect(() => planDeploy(read(values), rollingService(), taskDefinition())).toThrow(message);
  });

  it.each([
    [
      { strategy: 'canary' },
      rollingService(),
      taskDefinition(),
      /^Strategy 'canary' on prod\/web \(ECS deployment controller\) deploys through ECS's own CANARY strategy, which needs each load balancer's advancedConfiguration: .* The service has none, so nothing was changed\./,
    ],
    [
      {},
      rollingService({ deploymentController: { type: 'CODE_DEPLOY' } }),
      taskDefinition(),
      /^Strategy 'rolling' needs a service on the ECS deployment controller; .* uses CODE_DEPLOY, which fits blue-green, canary and linear\./,
    ],
    [
      {},
      rollingService(),
      taskDefinition({ status: 'INACTIVE' }),
      /is INACTIVE; ECS will not deploy it\./,
    ],
    // A service with ECS's own canary: the default strategy input does not switch it to rolling.
    [
      {},
      rollingService({
        deploymentConfiguration: {
          strategy: 'CANARY',
          canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
        },
      }),
      taskDefinition(),
      /^prod\/web deploys with ECS's own CANARY strategy, but this step asks for strategy 'rolling' \(the default\): ecs-deploy does not change a service's strategy unless told to, so nothing was changed\./,
    ],
  ] as [Record<string, string>, Service, TaskDefinition, RegExp][])(
    'refuses %j before any write',
    (values, service, definition, message) => {
      expect(() => planDeploy(read({ cluster: 'prod', ...values }), service, definition)).toThrow(
        message,
      );
    },
  );
});

describe('ecs-deploy plan: CodeDeploy', () => {
  it.each([
    [{ strategy: 'blue-green' }, 'CodeDeployDefault.ECSAllAtOnce', undefined],
    [{ strategy: 'canary' }, 'CodeDeployDefault.ECSCanary10Percent5Minutes', undefined],
    [{ strategy: 'linear' }, 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes', undefined],
    [
      { strategy: 'canary', 'traffic-percentage': '20', 'traffic-interval': '3' },
      'EcsDelivery.Canary20Percent3Minutes',
      { type: 'TimeBasedCanary', percentage: 20, interval: 3 },
    ],
    [
      { strategy: 'linear', 'traffic-percentage': '25', 'traffic-interval': '2' },
      'EcsDelivery.Linear25PercentEvery2Minutes',
      { type: 'TimeBasedLinear', percentage: 25, interval: 2 },
    ],
    [{ strategy: 'canary', 'deployment-config': 'Mine' }, 'Mine', undefined],
  ])('%j deploys with %s', (values, name, custom) => {
    expect(deploymentConfigFor(read(values))).toEqual({ name, custom });
  });

  const codeDeployService = rollingService({ deploymentController: { type: 'CODE_DEPLOY' } });
  const observed = (overrides: Partial<ObservedCodeDeploy> = {}): ObservedCodeDeploy => ({
    groupExists: true,
    configExists: true,
    inFlight: undefined,
    terminationWaitMs: 60 * 60_000,
    account: '123456789012',
    ...overrides,
  });

  it("plans the deployment with an AppSpec for the service's container and port", () => {
    const plan = planCodeDeploy(
      read({ strategy: 'blue-green', cluster: 'prod' }),
      codeDeployService,
      taskDefinition(),
      observed(),
      undefined,
    );
    expect(plan.codedeploy).toMatchObject({
      application: 'AppECS-prod-web',
      deploymentGroup: 'DgpECS-prod-web',
      deploymentConfig: 'CodeDeployDefault.ECSAllAtOnce',
      containerName: 'web',
      containerPort: 8080,
      terminationWaitMs: 3_600_000,
    });
    expect(plan.codedeploy?.appSpec.content).toContain(td(2));
  });

  it.each([
    [
      observed({ groupExists: false }),
      taskDefinition(),
      /^CodeDeploy deployment group DgpECS-prod-web of application AppECS-prod-web does not exist\./,
    ],
    [
      observed({ configExists: false }),
      taskDefinition(),
      /does not know the deployment config 'CodeDeployDefault.ECSAllAtOnce'/,
    ],
    [
      observed(),
      taskDefinition({
        containerDefinitions: [{ name: 'api', portMappings: [{ containerPort: 80 }] }],
      }),
      /routes traffic to container 'web' port 8080, which is not in .*; it has api \(80\)\./,
    ],
  ] as [ObservedCodeDeploy, TaskDefinition, RegExp][])(
    'refuses before any write: %#',
    (seen, definition, message) => {
      expect(() =>
        planCodeDeploy(
          read({ strategy: 'blue-green', cluster: 'prod' }),
          codeDeployService,
          definition,
          seen,
          undefined,
        ),
      ).toThrow(message);
    },
  );

  it.each([
    [
      { strategy: 'canary', 'desired-count': '4' },
      "Input 'desired-count' is not applied by a CodeDeploy deployment",
    ],
    [
      { strategy: 'linear', 'force-new-deployment': 'true' },
      "Input 'force-new-deployment' starts a new rolling deployment",
    ],
    [
      { strategy: 'blue-green', 'traffic-percentage': '10', 'traffic-interval': '5' },
      "Inputs 'traffic-percentage' and 'traffic-interval' set the steps of a canary or linear deployment; blue-green moves all traffic at once.",
    ],
  ])('a CodeDeploy deployment refuses %j, before any write', (values, message) => {
    expect(() =>
      planCodeDeploy(
        read({ cluster: 'prod', ...values }),
        codeDeployService,
        taskDefinition(),
        observed(),
        undefined,
      ),
    ).toThrow(message);
  });

  it('refuses, before any write, while another CodeDeploy deployment is in progress (on-in-flight: fail)', () => {
    expect(() =>
      planCodeDeploy(
        read({ strategy: 'canary', cluster: 'prod' }),
        codeDeployService,
        taskDefinition(),
        observed({ inFlight: 'd-ABCDEFGHI' }),
        undefined,
      ),
    ).toThrow('Deployment d-ABCDEFGHI of AppECS-prod-web/DgpECS-prod-web is still in progress.');
  });

  it.each([
    ['a wait longer than the bake', 60 * 60_000, 5 * 60_000, false],
    ['a wait shorter than the bake', 60_000, 5 * 60_000, true],
    ['no termination wait', 0, 5 * 60_000, true],
    ['an old task set kept (KEEP_ALIVE)', undefined, 5 * 60_000, false],
    ['no bake', 0, 0, false],
  ])(
    'with %s, a late bake failure needs a redeploy (and its permissions): %s',
    (_, waitMs, bakeMs, redeploy) => {
      expect(bakeOutlastsTerminationWait(bakeMs, waitMs)).toBe(redeploy);
      const plan = planCodeDeploy(
        read({
          strategy: 'blue-green',
          cluster: 'prod',
          'bake-time': `${bakeMs / 1000}s`,
        }),
        codeDeployService,
        taskDefinition(),
        observed({ terminationWaitMs: waitMs }),
        undefined,
      );
      expect(
        plan.permissions.some(
          (p) =>
            p.resource.endsWith(':deploymentconfig:CodeDeployDefault.ECSAllAtOnce') &&
            /deploying it again/.test(p.reason),
        ),
      ).toBe(redeploy);
    },
  );
});

describe('the bake', () => {
  const clock = () => {
    let now = 0;
    return {
      clock: { now: () => now },
      sleep: (ms: number) => {
        now += ms;
        return Promise.resolve();
      },
    };
  };
  const holding: BakeVerdict = { kind: 'holding', summary: '2/2 tasks running, none stopped' };

  it('holds when every look over the whole time finds the new version up, looking every 15 s', async () => {
    const time = clock();
    let looks = 0;
    const outcome = await bake({
      durationMs: 60_000,
      look: () => {
        looks += 1;
        return Promise.resolve(holding);
      },
      ...time,
      logger: new RecordingLogger(),
      what: 'web',
    });
    expect(outcome).toEqual({ ranMs: 60_000, verdict: { kind: 'held' }, sawEnd: false });
    expect(looks).toBe(5);
  });

  it.each([
    [
      { kind: 'failed', reason: 'A task stopped.' },
      { kind: 'failed', reason: 'A task stopped.' },
    ],
    [
      { kind: 'replaced', reason: 'Deployment 2 replaced 1.' },
      { kind: 'replaced', reason: 'Deployment 2 replaced 1.' },
    ],
  ] as [BakeVerdict, object][])('ends at the first look that finds %j', async (found, verdict) => {
    const time = clock();
    let looks = 0;
    const outcome = await bake({
      durationMs: 300_000,
      look: () => {
        looks += 1;
        return Promise.resolve(looks === 3 ? found : holding);
      },
      ...time,
      logger: new RecordingLogger(),
      what: 'web',
    });
    expect(outcome).toEqual({ ranMs: 30_000, verdict, sawEnd: false });
  });

  it('fails on a failed analysis round, keeps looking through a read that fails, and notes a deployment that ends', async () => {
    const time = clock();
    const logger = new RecordingLogger();
    let looks = 0;
    const outcome = await bake({
      durationMs: 300_000,
      look: () => {
        looks += 1;
        if (looks === 1) return Promise.reject(new Error('ThrottlingException'));
        if (looks === 2)
          return Promise.resolve({ kind: 'ended', summary: 'the old version is gone' });
        return Promise.resolve(holding);
      },
      analysis: {
        check: () =>
          looks >= 4
            ? Promise.reject(new AnalysisFailure('alarm errors is in ALARM'))
            : Promise.resolve(),
      } as never,
      ...time,
      logger,
      what: 'web',
    });
    expect(outcome).toEqual({
      ranMs: 45_000,
      verdict: { kind: 'failed', reason: 'alarm errors is in ALARM' },
      sawEnd: true,
    });
    expect(logger.messages('warning')).toEqual([
      'Bake: a read failed (ThrottlingException); looking again shortly.',
    ]);
  });
});
