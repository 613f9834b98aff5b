import {
  type Deployment,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { RecordingLogger } from '../../support/doubles.js';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { TimeoutError } from '../../../src/core/action/errors.js';

import {
  type StandContext,
  followRollingDeployment,
  rollingStand,
} from '../../../src/core/deploy/ecs-rolling.js';
import { VirtualClock } from '../../support/doubles.js';

const ecsMock = mockClient(ECSClient);
afterEach(() => {
  ecsMock.reset();
});

const ours = (state: Partial<Deployment>): Deployment => ({
  id: 'ecs-svc/2',
  status: 'PRIMARY',
  taskDefinition: 'td:2',
  desiredCount: 2,
  runningCount: 0,
  pendingCount: 0,
  failedTasks: 0,
  rolloutState: 'IN_PROGRESS',
  ...state,
});
const old = (state: Partial<Deployment> = {}): Deployment => ({
  id: 'ecs-svc/1',
  status: 'ACTIVE',
  taskDefinition: 'td:1',
  desiredCount: 0,
  runningCount: 2,
  rolloutState: 'COMPLETED',
  ...state,
});
const services = (...deployments: Deployment[]) => ({
  services: [
    {
      serviceName: 'web',
      status: 'ACTIVE',
      deployments,
      events: [],
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    },
  ],
});

function follow(clock = new VirtualClock(), countedHealthyAfterMs?: number) {
  const logger = new RecordingLogger();
  const promise = followRollingDeployment({
    countedHealthyAfterMs,
    ecs: new ECSClient({ region: 'eu-west-1' }),
    cluster: 'prod',
    service: 'web',
    deploymentId: 'ecs-svc/2',
    timeoutMs: 10 * 60_000,
    clock,
    sleep: clock.sleep,
    logger,
  });
  return { promise, logger, clock };
}

describe('following an ECS rolling deployment (virtual clock, aws-sdk-client-mock)', () => {
  it('polls fast while tasks change and slower while they do not, until COMPLETED', async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(services(ours({}), old()))
      .resolvesOnce(services(ours({ pendingCount: 2 }), old()))
      .resolvesOnce(services(ours({ pendingCount: 2 }), old()))
      .resolvesOnce(services(ours({ pendingCount: 2 }), old()))
      .resolvesOnce(services(ours({ runningCount: 2 }), old({ runningCount: 0 })))
      .resolves(
        services(
          ours({
            runningCount: 2,
            rolloutState: 'COMPLETED',
            rolloutStateReason: 'ECS deployment ecs-svc/2 completed.',
          }),
        ),
      );
    const { promise, clock, logger } = follow();
    const outcome = await promise;
    expect(outcome).toMatchObject({
      status: 'COMPLETED',
      rolledBackByEcs: false,
      servingTaskDefinition: 'td:2',
      polls: 6,
    });
    expect(clock.sleeps).toEqual([2000, 2000, 3000, 4500, 2000]);
    expect(logger.messages('info')[1]).toMatch(
      /^2s: ecs-svc\/2 IN_PROGRESS, running 0\/2, pending 2, failed tasks 0; next check in 2s$/,
    );
  });

  it("without a load balancer or health check, backs off and lands on ECS's 40 s after the new tasks run", async () => {
    const T0 = Date.parse('2026-12-02T10:00:00Z');
    const created = new Date(T0);
    const starting = services(ours({ pendingCount: 2, createdAt: created }), old());
    const running = services(ours({ runningCount: 2, createdAt: created }), old());
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(starting)
      .resolvesOnce(starting)
      .resolvesOnce(starting)
      .resolvesOnce(running)
      .resolvesOnce(running)
      .resolvesOnce(running)
      .resolvesOnce(running)
      .resolvesOnce(running)
      .resolvesOnce(running)
      .resolves(services(ours({ runningCount: 2, rolloutState: 'COMPLETED' })));
    ecsMock
      .on(ListTasksCommand, { startedBy: 'ecs-svc/2', desiredStatus: 'RUNNING' })
      .resolves({ taskArns: ['t1', 't2'] });
    ecsMock.on(DescribeTasksCommand).resolves({
      tasks: [
        { taskArn: 't1', startedAt: new Date(T0 + 7000) },
        { taskArn: 't2', startedAt: new Date(T0 + 6000) },
      ],
    });
    const { promise, clock, logger } = follow(new VirtualClock(T0), 40_000);
    const outcome = await promise;
    expect(outcome).toMatchObject({ status: 'COMPLETED', polls: 10 });
    // Starting: the end is 40 s away at least, reads back off from the deployment's start. Seen
    // running at 8 s: the old tasks stop once both new ones count (the later started at 7 s),
    // so from 47 s, and exit; the reads back off from 8 s and land on 48 s.
    expect(clock.sleeps).toEqual([2000, 2000, 4000, 2000, 2000, 4000, 8000, 15_000, 9000]);
    expect(clock.now() - T0).toBe(48_000);
    expect(ecsMock.commandCalls(ListTasksCommand)).toHaveLength(1);
    expect(ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(1);
    expect(logger.messages('info').join('\n')).toMatch(
      /ECS counts a new task healthy 40s after it runs, so the old tasks stop from 2026-12-02T10:00:47\.000Z/,
    );
  });

  it('reports FAILED with the reason, follows the circuit breaker rollback, and shows stopped tasks', async () => {
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(services(ours({}), old()))
      .resolvesOnce(services(ours({ failedTasks: 1 }), old()))
      .resolvesOnce(
        services(
          {
            id: 'ecs-svc/3',
            status: 'PRIMARY',
            taskDefinition: 'td:1',
            rolloutState: 'IN_PROGRESS',
          },
          ours({
            status: 'ACTIVE',
            failedTasks: 3,
            rolloutState: 'FAILED',
            rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
          }),
        ),
      )
      .resolves(
        services({
          id: 'ecs-svc/3',
          status: 'PRIMARY',
          taskDefinition: 'td:1',
          rolloutState: 'COMPLETED',
        }),
      );
    ecsMock.on(ListTasksCommand).resolves({ taskArns: ['arn:aws:ecs:eu-west-1:1:task/prod/abc'] });
    ecsMock.on(DescribeTasksCommand).resolves({
      tasks: [
        {
          taskArn: 'arn:aws:ecs:eu-west-1:1:task/prod/abc',
          stoppedReason: 'Essential container in task exited',
          containers: [{ name: 'web', exitCode: 1 }],
        },
      ],
    });
    ecsMock.on(ListServiceDeploymentsCommand).resolves({ serviceDeployments: [] });
    const { promise, logger } = follow();
    expect(await promise).toMatchObject({
      status: 'FAILED',
      reason: 'ECS deployment circuit breaker: tasks failed to start.',
      rolledBackByEcs: true,
      servingTaskDefinition: 'td:1',
    });
    expect(logger.messages('warning')).toEqual([
      'task abc stopped: Essential container in task exited; web exit 1',
      "ECS's circuit breaker is rolling prod/web back with deployment ecs-svc/3 (td:1); following it to its end.",
    ]);
  });

  it('reads the history when the deployment is gone, and tells a replaced deployment apart', async () => {
    ecsMock.on(DescribeServicesCommand).resolves(
      services({
        id: 'ecs-svc/9',
        status: 'PRIMARY',
        taskDefinition: 'td:9',
        rolloutState: 'IN_PROGRESS',
      }),
    );
    ecsMock.on(ListServiceDeploymentsCommand).resolves({
      serviceDeployments: [
        {
          serviceDeploymentArn: 'arn:aws:ecs:eu-west-1:1:service-deployment/prod/web/2',
          status: 'STOPPED',
        },
      ],
    });
    expect(await follow().promise).toMatchObject({
      status: 'REPLACED',
      servingDeploymentId: 'ecs-svc/9',
    });
    ecsMock.on(ListServiceDeploymentsCommand).resolves({
      serviceDeployments: [
        {
          serviceDeploymentArn: 'arn:aws:ecs:eu-west-1:1:service-deployment/prod/web/2',
          status: 'SUCCESSFUL',
        },
      ],
    });
    expect((await follow().promise).status).toBe('COMPLETED');
  });

  it('times out saying what it waited for', async () => {
    ecsMock.on(DescribeServicesCommand).resolves(services(ours({}), old()));
    await expect(follow().promise).rejects.toThrow(TimeoutError);
  });
});

describe('where a followed rolling deployment stands, from one read (pure)', () => {
  const context = (overrides: Partial<StandContext> = {}): StandContext => ({
    deploymentId: 'ecs-svc/2',
    rollbackId: undefined,
    breakerRollback: true,
    rollbackTarget: 'td:1',
    ...overrides,
  });
  const theirs = (state: Partial<Deployment> = {}): Deployment => ({
    id: 'ecs-svc/3',
    status: 'PRIMARY',
    taskDefinition: 'td:3',
    rolloutState: 'IN_PROGRESS',
    ...state,
  });
  const failedOurs = ours({ status: 'ACTIVE', rolloutState: 'FAILED' });
  const replacedOurs = ours({ status: 'ACTIVE' });

  it.each([
    ['ours in progress', [ours({}), old()], context(), 'running'],
    ['ours completed', [ours({ rolloutState: 'COMPLETED' })], context(), 'completed'],
    [
      'ours failed, no breaker rollback',
      [ours({ rolloutState: 'FAILED' })],
      context({ breakerRollback: false }),
      'failed',
    ],
    [
      'ours failed, the breaker about to roll back',
      [ours({ rolloutState: 'FAILED' })],
      context(),
      'awaiting-rollback',
    ],
    // ECS keeps a replaced deployment IN_PROGRESS (ACTIVE) while it drains: a newer PRIMARY is someone else's.
    ['a newer deployment while ours ran', [theirs(), replacedOurs], context(), 'replaced'],
    [
      'a newer deployment of the previous revision while ours ran',
      [theirs({ taskDefinition: 'td:1' }), replacedOurs],
      context(),
      'replaced',
    ],
    [
      'ECS rolling back ours',
      [theirs({ taskDefinition: 'td:1' }), failedOurs],
      context(),
      'rolling-back',
    ],
    [
      'ECS rolled ours back',
      [theirs({ taskDefinition: 'td:1', rolloutState: 'COMPLETED' }), failedOurs],
      context(),
      'rolled-back',
    ],
    [
      'ECS rollback failed',
      [theirs({ taskDefinition: 'td:1', rolloutState: 'FAILED' }), failedOurs],
      context(),
      'rollback-failed',
    ],
    [
      'ours failed without breaker rollback, then someone deployed',
      [theirs({ taskDefinition: 'td:1' }), failedOurs],
      context({ breakerRollback: false }),
      'replaced',
    ],
    [
      'ours failed, then someone deployed another revision',
      [theirs(), failedOurs],
      context(),
      'replaced',
    ],
    [
      'ECS rollback replaced by someone else',
      [theirs({ id: 'ecs-svc/4' }), theirs({ status: 'ACTIVE', taskDefinition: 'td:1' })],
      context({ rollbackId: 'ecs-svc/3' }),
      'replaced',
    ],
    ['ours gone from the list', [theirs()], context(), 'gone'],
    [
      'ours completed, a newer one started since',
      [theirs(), ours({ status: 'ACTIVE', rolloutState: 'COMPLETED' })],
      context(),
      'completed',
    ],
  ] as [string, Deployment[], StandContext, string][])(
    '%s: %s',
    (_what, deployments, standContext, kind) => {
      expect(rollingStand(deployments, standContext).kind).toBe(kind);
    },
  );
});
