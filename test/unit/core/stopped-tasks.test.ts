import {
  CloudWatchLogsClient,
  GetLogEventsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { RecordingLogger } from '../../support/doubles.js';
import {
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { logSources } from '../../../src/core/deploy/log-sources.js';
import { StoppedTasks, logReadPermissions } from '../../../src/core/deploy/stopped-tasks.js';

const ecsMock = mockClient(ECSClient);
const logsMock = mockClient(CloudWatchLogsClient);
afterEach(() => {
  ecsMock.reset();
  logsMock.reset();
});

const taskDefinition: TaskDefinition = {
  containerDefinitions: [
    {
      name: 'web',
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'app' },
      },
    },
    { name: 'sidecar', logConfiguration: { logDriver: 'json-file' } },
    {
      name: 'worker',
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': '/ecs/worker', 'awslogs-region': 'us-east-1' },
      },
    },
  ],
};

function crashed(id: string, exitCode = 1) {
  return {
    taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/c/${id}`,
    stoppedReason: 'Essential container in task exited',
    containers: [{ name: 'web', exitCode }],
  };
}

describe('log sources of a task definition', () => {
  it('takes the awslogs containers with their group, region and stream prefix', () => {
    expect(logSources(taskDefinition)).toEqual([
      { container: 'web', group: '/ecs/web', region: undefined, streamPrefix: 'app' },
      { container: 'worker', group: '/ecs/worker', region: 'us-east-1', streamPrefix: undefined },
    ]);
    expect(logSources(undefined)).toEqual([]);
  });

  it('asks logs:GetLogEvents on each group, in the group’s own region', () => {
    expect(
      logReadPermissions(logSources(taskDefinition), 'eu-west-1', '123456789012').map(
        (p) => p.resource,
      ),
    ).toEqual([
      'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web:log-stream:*',
      'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/worker:log-stream:*',
    ]);
  });
});

describe('StoppedTasks', () => {
  const reporter = (logger: RecordingLogger, withLogs = true) =>
    new StoppedTasks({
      ecs: new ECSClient({}),
      cluster: 'c',
      logger,
      ...(withLogs ? { logs: new CloudWatchLogsClient({}) } : {}),
      sources: logSources(taskDefinition),
    });

  it('prints each stopped task once, with the crashed container’s last lines from its stream', async () => {
    ecsMock
      .on(ListTasksCommand, { startedBy: 'ecs-svc/9', desiredStatus: 'STOPPED' })
      .resolvesOnce({ taskArns: [crashed('t1').taskArn] })
      .resolves({ taskArns: [crashed('t1').taskArn, crashed('t2').taskArn] });
    ecsMock
      .on(DescribeTasksCommand, { tasks: [crashed('t1').taskArn] })
      .resolves({ tasks: [crashed('t1')] })
      .on(DescribeTasksCommand, { tasks: [crashed('t2').taskArn] })
      .resolves({ tasks: [crashed('t2')] });
    logsMock
      .on(GetLogEventsCommand, { logGroupName: '/ecs/web', logStreamName: 'app/web/t1' })
      .resolves({ events: [{ message: 'starting' }, { message: 'FATAL: no database' }] })
      .on(GetLogEventsCommand, { logGroupName: '/ecs/web', logStreamName: 'app/web/t2' })
      .resolves({ events: [{ message: 'starting' }, { message: 'FATAL: no database' }] });
    const logger = new RecordingLogger();
    const stopped = reporter(logger);
    await stopped.report('ecs-svc/9');
    await stopped.report('ecs-svc/9');
    expect(logger.messages()).toEqual([
      'task t1 stopped: Essential container in task exited; web exit 1',
      'last 2 log line(s) of web in task t1:',
      '  | starting',
      '  | FATAL: no database',
      'task t2 stopped: Essential container in task exited; web exit 1',
      'web in task t2 ended with the same lines as in task t1.',
    ]);
    expect(stopped.count).toBe(2);
    expect(ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(2);
  });

  it('reads no logs for a clean exit, and goes on once without them when they cannot be read', async () => {
    ecsMock
      .on(ListTasksCommand)
      .resolves({ taskArns: ['arn:aws:ecs:eu-west-1:123456789012:task/c/t0'] });
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [crashed('t0', 0)] });
    const clean = new RecordingLogger();
    await reporter(clean).report('d');
    expect(logsMock.commandCalls(GetLogEventsCommand)).toHaveLength(0);

    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [crashed('t3'), crashed('t4')] });
    ecsMock
      .on(ListTasksCommand)
      .resolves({ taskArns: [crashed('t3').taskArn, crashed('t4').taskArn] });
    logsMock
      .on(GetLogEventsCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    const denied = new RecordingLogger();
    await reporter(denied).report('d');
    expect(denied.messages('warning')).toEqual([
      'task t3 stopped: Essential container in task exited; web exit 1',
      expect.stringMatching(
        /^Cannot read the logs of web \(\/ecs\/web\/app\/web\/t3\): .*not authorized.*Grant logs:GetLogEvents/,
      ),
      'task t4 stopped: Essential container in task exited; web exit 1',
    ]);
    expect(logsMock.commandCalls(GetLogEventsCommand)).toHaveLength(1);

    // A stream that is not there yet is no reason to stop reading.
    logsMock.reset();
    logsMock
      .on(GetLogEventsCommand)
      .rejects(new ResourceNotFoundException({ message: 'no stream', $metadata: {} }));
    const missing = new RecordingLogger();
    await reporter(missing).report('d');
    expect(missing.messages('warning')).toHaveLength(2);
    expect(logsMock.commandCalls(GetLogEventsCommand)).toHaveLength(2);
  });
});
