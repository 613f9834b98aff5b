import {
  DescribeServiceRevisionsCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import type { RollbackInputs } from '../../../src/actions/ecs-rollback/inputs.js';
import { readInputs } from '../../../src/actions/ecs-rollback/inputs.js';
import { type ObservedService, planRollback } from '../../../src/actions/ecs-rollback/plan.js';
import { InputReader, recordInputs } from '../../../src/core/action/inputs.js';
import {
  appSpecTaskDefinition,
  formatChange,
  parseChange,
  previousFromEcsHistory,
} from '../../../src/core/rollback/history.js';
import { ecsAppSpec } from '../../../src/core/deploy/codedeploy.js';

const ARN = 'arn:aws:ecs:eu-west-1:123456789012';
const td = (revision: number) => `${ARN}:task-definition/web:${revision}`;
const inputs: RollbackInputs = {
  region: 'eu-west-1',
  cluster: 'prod',
  service: 'web',
  to: undefined,
  application: 'AppECS-prod-web',
  deploymentGroup: 'DgpECS-prod-web',
  deploymentConfig: 'CodeDeployDefault.ECSAllAtOnce',
  wait: true,
  timeoutMs: 600_000,
  reason: undefined,
};
const observed = (overrides: Partial<ObservedService> = {}): ObservedService => ({
  serviceArn: `${ARN}:service/prod/web`,
  clusterArn: `${ARN}:cluster/prod`,
  account: '123456789012',
  controller: 'ECS',
  current: td(3),
  inFlight: undefined,
  recorded: undefined,
  requested: undefined,
  history: undefined,
  container: { name: 'web', port: 8080 },
  groupExists: true,
  ...overrides,
});

describe('ecs-rollback plan: what to roll back to', () => {
  const cases: [string, Partial<ObservedService>, string, string | RegExp][] = [
    [
      "a service with ECS's own LINEAR strategy at rest: the previous revision deployed through it",
      { nativeStrategy: 'LINEAR', history: { taskDefinition: td(2), source: 'h' } },
      'update-service',
      td(2),
    ],
    [
      "a service with ECS's own LINEAR strategy mid-deployment: stopped with rollback, back to its source",
      {
        nativeStrategy: 'LINEAR',
        inFlight: `${ARN}:service-deployment/prod/web/abc`,
        inFlightSource: td(2),
        current: td(3),
      },
      'stop-native',
      td(2),
    ],
    [
      'a rolling service whose strategy ECS names ROLLING',
      { nativeStrategy: 'ROLLING', history: { taskDefinition: td(2), source: 'h' } },
      'update-service',
      td(2),
    ],
    [
      'the previous good revision from history',
      { history: { taskDefinition: td(2), source: 'h' } },
      'update-service',
      td(2),
    ],
    [
      'history wins over a recorded deploy',
      {
        history: { taskDefinition: td(2), source: 'h' },
        recorded: { kind: 'deploy', from: 'web:1', to: 'web:3' },
      },
      'update-service',
      td(2),
    ],
    [
      'the recorded deploy when history has nothing',
      { recorded: { kind: 'deploy', from: 'web:1', to: 'web:3' } },
      'update-service',
      td(1),
    ],
    [
      'nothing when the recorded rollback is what runs',
      {
        recorded: { kind: 'rollback', from: 'web:4', to: 'web:3' },
        history: { taskDefinition: td(4), source: 'h' },
      },
      'none',
      td(3),
    ],
    [
      'nothing when the recorded deploy was already undone (the service runs what it came from)',
      {
        recorded: { kind: 'deploy', from: 'web:3', to: 'web:4' },
        history: { taskDefinition: td(2), source: 'h' },
      },
      'none',
      td(3),
    ],
    [
      'a recorded deploy of something else is ignored',
      { recorded: { kind: 'deploy', from: 'web:1', to: 'web:2' } },
      'error',
      /no earlier revision/,
    ],
    [
      'an in-flight CodeDeploy deployment is stopped',
      { controller: 'CODE_DEPLOY', inFlight: 'd-ABCDEFGHI' },
      'stop-codedeploy',
      td(3),
    ],
    [
      'a CodeDeploy service is redeployed with the previous revision',
      { controller: 'CODE_DEPLOY', recorded: { kind: 'deploy', from: 'web:2', to: 'web:3' } },
      'codedeploy-deploy',
      td(2),
    ],
    [
      'an EXTERNAL controller is refused',
      { controller: 'EXTERNAL' },
      'error',
      /EXTERNAL deployment controller/,
    ],
    [
      'a missing deployment group is refused',
      { controller: 'CODE_DEPLOY', groupExists: false },
      'error',
      /DgpECS-prod-web/,
    ],
    [
      'an INACTIVE requested revision is refused',
      { requested: { taskDefinitionArn: td(1), status: 'INACTIVE' } },
      'error',
      /is INACTIVE/,
    ],
    [
      'the requested revision',
      { requested: { taskDefinitionArn: td(1), status: 'ACTIVE' } },
      'update-service',
      td(1),
    ],
    [
      'the requested revision that already runs',
      { requested: { taskDefinitionArn: td(3), status: 'ACTIVE' } },
      'none',
      td(3),
    ],
  ];
  it.each(cases)('%s', (_name, overrides, kind, to) => {
    if (kind === 'error') {
      expect(() => planRollback(inputs, observed(overrides))).toThrow(to);
      return;
    }
    const plan = planRollback(inputs, observed(overrides));
    expect(plan.step.kind).toBe(kind);
    expect(plan.to).toBe(to);
    expect(plan.from).toBe(td(3));
  });

  it('asks for UpdateService only when it will update the service, and CreateDeployment only when it will deploy', () => {
    const actions = (overrides: Partial<ObservedService>) =>
      planRollback(inputs, observed(overrides)).permissions.map((p) => p.action);
    expect(actions({ history: { taskDefinition: td(2), source: 'h' } })).toContain(
      'ecs:UpdateService',
    );
    expect(actions({ history: { taskDefinition: td(3), source: 'h' } })).not.toContain(
      'ecs:UpdateService',
    );
    const stop = actions({ controller: 'CODE_DEPLOY', inFlight: 'd-ABCDEFGHI' });
    expect(stop).toContain('codedeploy:StopDeployment');
    expect(stop).not.toContain('codedeploy:CreateDeployment');
  });
});

describe('ecs-rollback inputs', () => {
  const read = (values: Record<string, string>) =>
    readInputs(new InputReader(recordInputs(values)), { env: { AWS_REGION: 'eu-west-1' } });
  it.each([
    ['previous', undefined],
    ['7', '7'],
    ['web:7', 'web:7'],
    [td(7), td(7)],
  ])("accepts to: '%s'", (to, expected) => {
    expect(read({ service: 'web', to }).to).toBe(expected);
  });
  it.each(['latest', 'web', 'web:x', 'arn:aws:ecs:eu-west-1:1:task-definition/web:1'])(
    "refuses to: '%s' naming the input",
    (to) => {
      expect(() => read({ service: 'web', to })).toThrow(/Input 'to' must be/);
    },
  );
  it('defaults the CodeDeploy names the way the console does', () => {
    expect(read({ service: 'web', cluster: 'prod' })).toMatchObject({
      application: 'AppECS-prod-web',
      deploymentGroup: 'DgpECS-prod-web',
    });
  });
});

describe('the change recorded on the service', () => {
  it('round-trips through the tag value', () => {
    const change = { kind: 'deploy' as const, from: td(2), to: td(3) };
    expect(formatChange(change)).toBe('deploy from=web:2 to=web:3');
    expect(parseChange(formatChange(change))).toEqual({
      kind: 'deploy',
      from: 'web:2',
      to: 'web:3',
    });
    expect(parseChange('something else')).toBeUndefined();
  });
  it('is not written when it would not fit in a tag', () => {
    const long = `${'f'.repeat(200)}:1`;
    expect(formatChange({ kind: 'deploy', from: long, to: long })).toBeUndefined();
  });
  it('reads the task definition out of an ECS AppSpec', () => {
    expect(appSpecTaskDefinition(ecsAppSpec(td(4), 'web', 8080).content)).toBe(td(4));
    expect(appSpecTaskDefinition('not: [yaml')).toBeUndefined();
  });
});

describe("ECS's deployment history", () => {
  it('picks the newest successful deployment of another task definition', async () => {
    const ecs = mockClient(ECSClient);
    const rev = (n: number) => `${ARN}:service-revision/prod/web/${n}`;
    ecs.on(ListServiceDeploymentsCommand).resolves({
      serviceDeployments: [
        {
          status: 'SUCCESSFUL',
          targetServiceRevisionArn: rev(1),
          createdAt: new Date('2026-11-01'),
        },
        {
          status: 'SUCCESSFUL',
          targetServiceRevisionArn: rev(3),
          createdAt: new Date('2026-11-03'),
        },
        {
          status: 'SUCCESSFUL',
          targetServiceRevisionArn: rev(2),
          createdAt: new Date('2026-11-02'),
        },
      ],
    });
    ecs.on(DescribeServiceRevisionsCommand).resolves({
      serviceRevisions: [1, 2, 3].map((n) => ({
        serviceRevisionArn: rev(n),
        taskDefinition: td(n),
      })),
    });
    const found = await previousFromEcsHistory(ecs, 'prod', 'web', 'web:3');
    expect(found?.taskDefinition).toBe(td(2));
    expect(await previousFromEcsHistory(ecs, 'prod', 'web', td(9))).toMatchObject({
      taskDefinition: td(3),
    });
  });
});
