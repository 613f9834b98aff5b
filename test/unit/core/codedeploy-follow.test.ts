// Following a CodeDeploy ECS deployment (src/core/deploy/codedeploy.ts): when it reads what, on
// a virtual clock against aws-sdk-client-mock.
import {
  BatchGetDeploymentTargetsCommand,
  CodeDeployClient,
  type ECSTaskSet,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  ListDeploymentTargetsCommand,
} from '@aws-sdk/client-codedeploy';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ecsTargetId,
  followCodeDeployDeployment,
  routingOf,
} from '../../../src/core/deploy/codedeploy.js';
import { RecordingLogger, VirtualClock } from '../../support/doubles.js';

const codedeployMock = mockClient(CodeDeployClient);
afterEach(() => {
  codedeployMock.reset();
});

const T0 = Date.parse('2026-12-02T10:00:00Z');
const green = (state: Partial<ECSTaskSet>): ECSTaskSet => ({
  identifer: 'ecs-svc/green',
  taskSetLabel: 'Green',
  desiredCount: 2,
  runningCount: 0,
  pendingCount: 0,
  trafficWeight: 0,
  ...state,
});
const target = (
  taskSet: ECSTaskSet,
  status: 'InProgress' | 'Succeeded' | 'Failed' = 'InProgress',
) => ({
  deploymentTargets: [
    {
      deploymentTargetType: 'ECSTarget' as const,
      ecsTarget: { targetId: 'prod:web', status, taskSetsInfo: [taskSet], lifecycleEvents: [] },
    },
  ],
});

function follow(
  clock: VirtualClock,
  options: Partial<Parameters<typeof followCodeDeployDeployment>[0]>,
) {
  const logger = new RecordingLogger();
  const promise = followCodeDeployDeployment({
    codedeploy: new CodeDeployClient({ region: 'eu-west-1' }),
    deploymentId: 'd-1',
    until: 'complete',
    timeoutMs: 10 * 60_000,
    clock,
    sleep: clock.sleep,
    logger,
    ...options,
  });
  return { promise, logger };
}

describe('following a CodeDeploy deployment (virtual clock, aws-sdk-client-mock)', () => {
  // Just created, all at once, health checks of 15 s: looks at the target alone each 12 s.
  const STARTING = {
    targetId: 'prod:web',
    routing: { stepMs: undefined, allAtOnce: true },
    greenHealthyMs: 15_000,
    fresh: true,
  };

  it('all at once, just created: looks at the target alone while the new tasks start, then reads the status from when they are due healthy', async () => {
    const clock = new VirtualClock(T0);
    codedeployMock.on(GetDeploymentCommand).callsFake(() => ({
      deploymentInfo: { status: clock.now() >= T0 + 40_000 ? 'Succeeded' : 'InProgress' },
    }));
    codedeployMock
      .on(BatchGetDeploymentTargetsCommand, { targetIds: ['prod:web'] })
      .callsFake(() =>
        target(
          clock.now() >= T0 + 21_000 ? green({ runningCount: 2 }) : green({ pendingCount: 2 }),
        ),
      );
    const starts: string[] = [];
    const { promise, logger } = follow(clock, {
      ...STARTING,
      taskStarts: (taskSet) => {
        starts.push(taskSet);
        return Promise.resolve([T0 + 20_000, T0 + 21_000]);
      },
    });
    const outcome = await promise;
    expect(outcome.status).toBe('Succeeded');
    // Health checks of 15 s: the target is looked at each 12 s from the start (12, 24 s), and
    // nothing else is read while it says InProgress. Seen running at 24 s, the later started at
    // 21 s: healthy from 36 s; the status is read from then (+250 ms) each 1.3 s, and the shift
    // at 40 s is seen at 40.15 s.
    expect(clock.sleeps).toEqual([12_000, 12_000, 12_250, 1300, 1300, 1300]);
    expect(clock.now() - T0).toBe(40_150);
    expect(codedeployMock.commandCalls(BatchGetDeploymentTargetsCommand)).toHaveLength(2);
    expect(codedeployMock.commandCalls(GetDeploymentCommand)).toHaveLength(4);
    // All at once, Succeeded from a running new task set means all traffic moved there: the
    // timeline says so without a read of the target.
    expect(outcome.timeline.map((t) => t.greenPercent)).toEqual([100]);
    // The target's id and the config came from the caller: neither is read.
    expect(codedeployMock.commandCalls(ListDeploymentTargetsCommand)).toHaveLength(0);
    expect(codedeployMock.commandCalls(GetDeploymentConfigCommand)).toHaveLength(0);
    expect(starts).toEqual(['ecs-svc/green']);
    expect(logger.messages('info').join('\n')).toContain(
      "they pass the target group's health checks from 2026-12-02T10:00:36.000Z at the earliest",
    );
  });

  it.each([
    [
      'a look at the target that says Failed reads the deployment once, then',
      'Failed' as const,
      'ECS_UPDATE_ERROR: The tasks failed to start.',
      'Failed' as const,
      // Looks at 12 and 24 s; the second says Failed.
      { endsAt: 24_000, targetReads: 2 },
    ],
    [
      'a stop the target never shows is seen when the deployment is read, at least each minute',
      'Stopped' as const,
      'DEPLOYMENT_STOPPED: Stopped by a user.',
      'InProgress' as const,
      // Looks at 12 ... 48 s; at 60 s the deployment is read, then the target once more.
      { endsAt: 60_000, targetReads: 5 },
    ],
  ])('%s', async (_what, status, reason, targetStatus, expected) => {
    const clock = new VirtualClock(T0);
    const ended = () => clock.now() >= T0 + 20_000;
    const [code, message] = reason.split(': ');
    codedeployMock.on(GetDeploymentCommand).callsFake(() => ({
      deploymentInfo: ended()
        ? { status, errorInformation: { code, message } }
        : { status: 'InProgress' },
    }));
    codedeployMock
      .on(BatchGetDeploymentTargetsCommand)
      .callsFake(() => target(green({ pendingCount: 2 }), ended() ? targetStatus : 'InProgress'));
    const outcome = await follow(clock, STARTING).promise;
    expect([outcome.status, outcome.reason]).toEqual([status, reason]);
    expect(clock.now() - T0).toBe(expected.endsAt);
    expect(codedeployMock.commandCalls(GetDeploymentCommand)).toHaveLength(1);
    expect(codedeployMock.commandCalls(BatchGetDeploymentTargetsCommand)).toHaveLength(
      expected.targetReads,
    );
  });

  it('lists the target when the id given is not one of the deployment', async () => {
    const clock = new VirtualClock(T0);
    codedeployMock.on(GetDeploymentCommand).resolves({ deploymentInfo: { status: 'Succeeded' } });
    codedeployMock
      .on(BatchGetDeploymentTargetsCommand, { targetIds: ['arn-cluster:web'] })
      .rejects(
        Object.assign(new Error('The provided target ID does not belong to the deployment.'), {
          name: 'DeploymentTargetDoesNotExistException',
        }),
      )
      .on(BatchGetDeploymentTargetsCommand, { targetIds: ['prod:web'] })
      .resolves(target(green({ runningCount: 2, trafficWeight: 100 })));
    codedeployMock.on(ListDeploymentTargetsCommand).resolves({ targetIds: ['prod:web'] });
    codedeployMock.on(GetDeploymentConfigCommand).resolves({ deploymentConfigInfo: {} });
    const { promise } = follow(clock, { targetId: 'arn-cluster:web' });
    expect((await promise).status).toBe('Succeeded');
    expect(
      codedeployMock
        .commandCalls(BatchGetDeploymentTargetsCommand)
        .map((c) => c.args[0].input.targetIds),
    ).toEqual([['arn-cluster:web'], ['prod:web']]);
    expect(codedeployMock.commandCalls(ListDeploymentTargetsCommand)).toHaveLength(1);
  });

  it('canary: between steps reads only the status, and the target when the next step is due', async () => {
    const clock = new VirtualClock(T0);
    const done = () => clock.now() >= T0 + 60_000;
    codedeployMock.on(GetDeploymentCommand).callsFake(() => ({
      deploymentInfo: { status: done() ? 'Succeeded' : 'InProgress' },
    }));
    codedeployMock
      .on(BatchGetDeploymentTargetsCommand)
      .callsFake(() => target(green({ runningCount: 2, trafficWeight: done() ? 100 : 20 })));
    const { promise } = follow(clock, {
      targetId: 'prod:web',
      routing: { stepMs: 60_000, allAtOnce: false },
    });
    const outcome = await promise;
    expect(outcome.status).toBe('Succeeded');
    // 20% seen at once: the last step is due a minute later (reads at most 15 s apart).
    expect(clock.sleeps).toEqual([15_000, 15_000, 15_000, 15_000]);
    expect(outcome.timeline.map((t) => [t.at, t.greenPercent])).toEqual([
      [0, 20],
      [60_000, 100],
    ]);
    expect(codedeployMock.commandCalls(BatchGetDeploymentTargetsCommand)).toHaveLength(2);
  });
});

describe("CodeDeploy's names for what the follower times (pure)", () => {
  it.each([
    ['prod', 'web', 'prod:web'],
    [
      'arn:aws:ecs:eu-west-1:123456789012:cluster/prod',
      'arn:aws:ecs:eu-west-1:123456789012:service/prod/web',
      'prod:web',
    ],
  ])('the ECS target of cluster %s and service %s is %s', (cluster, service, id) => {
    expect(ecsTargetId(cluster, service)).toBe(id);
  });

  it.each([
    [{ type: 'AllAtOnce' as const }, { stepMs: undefined, allAtOnce: true }],
    [
      {
        type: 'TimeBasedCanary' as const,
        timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 },
      },
      { stepMs: 300_000, allAtOnce: false },
    ],
    [
      {
        type: 'TimeBasedLinear' as const,
        timeBasedLinear: { linearPercentage: 10, linearInterval: 1 },
      },
      { stepMs: 60_000, allAtOnce: false },
    ],
    [undefined, { stepMs: undefined, allAtOnce: false }],
  ])('routing %j is timed as %j', (config, routing) => {
    expect(routingOf(config)).toEqual(routing);
  });
});
