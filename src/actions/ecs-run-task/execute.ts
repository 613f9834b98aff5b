import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeTasksCommand,
  type ECSClient,
  RunTaskCommand,
  StopTaskCommand,
  type Task,
} from '@aws-sdk/client-ecs';
import { TaskFailedError, TimeoutError } from '../../core/action/errors.js';

import { TypedState } from '../../core/action/state.js';
import { poll } from '../../core/aws/poller.js';
import { awsErrorCode } from '../../core/action/errors.js';
import { LogTail } from '../../core/tasks/log-tail.js';
import { type RunTaskInputs } from './inputs.js';
import { type RunTaskPlan } from './plan.js';
import { formatDuration } from '../../core/util/time.js';
import type { Context } from './contract.js';

type Ecs = Pick<ECSClient, 'send'>;
type Logs = Pick<CloudWatchLogsClient, 'send'>;

export interface RunTaskState extends Record<string, unknown> {
  region: string;
  cluster: string;
  taskArn: string;
  finished: boolean;
}

/** `name exit N (reason)` for each container of a stopped task. */
function containerLines(task: Task): string[] {
  return (task.containers ?? []).map(
    (c) =>
      `${c.name ?? '?'} ${c.exitCode === undefined ? 'no exit code' : `exit ${c.exitCode}`}${c.reason === undefined ? '' : ` (${c.reason})`}`,
  );
}

export async function execute(
  plan: RunTaskPlan,
  inputs: RunTaskInputs,
  ecs: Ecs,
  logs: Logs,
  context: Context,
): Promise<void> {
  const state = new TypedState<RunTaskState>(context.state);
  const started = context.clock.now();
  const taskArn = await startTask(plan, ecs, context, state);
  if (!inputs.wait) {
    state.save('finished', true);
    context.outputs.set('status', 'SUBMITTED');
    return;
  }
  const taskId = taskArn.split('/').at(-1) ?? taskArn;
  const tail = new LogTail(logs, plan.logSources, taskId, context.logger);
  const stopped = await waitForStop(plan, inputs, ecs, context, state, taskArn, tail);
  state.save('finished', true);
  // The last lines can reach CloudWatch Logs a moment after the task stops.
  await tail.drain();
  await context.sleep(2000, context.signal);
  await tail.drain();
  reportStopped(plan, context, taskId, stopped, tail, context.clock.now() - started);
}

/** RunTask, once; the task's ARN saved for the post step before anything else can fail. */
async function startTask(
  plan: RunTaskPlan,
  ecs: Ecs,
  context: Context,
  state: TypedState<RunTaskState>,
): Promise<string> {
  const response = await ecs.send(
    new RunTaskCommand({
      cluster: plan.cluster,
      taskDefinition: plan.taskDefinition,
      count: 1,
      startedBy: plan.startedBy,
      ...(plan.launchType === undefined ? {} : { launchType: plan.launchType }),
      ...(plan.networkConfiguration === undefined
        ? {}
        : { networkConfiguration: plan.networkConfiguration }),
      ...(plan.overrides === undefined ? {} : { overrides: plan.overrides }),
      ...(plan.volumeConfigurations === undefined
        ? {}
        : { volumeConfigurations: plan.volumeConfigurations }),
    }),
  );
  const task = response.tasks?.[0];
  if (task?.taskArn === undefined) {
    const failure = response.failures?.[0];
    throw new TaskFailedError(
      `ECS did not start the task: ${failure?.reason ?? 'no reason given'}${failure?.detail === undefined ? '' : ` (${failure.detail})`}.`,
      'Check the cluster has capacity for the launch type, and the subnets and security groups.',
    );
  }
  const taskArn = task.taskArn;
  state.save('region', plan.region);
  state.save('cluster', plan.cluster);
  state.save('taskArn', taskArn);
  state.save('finished', false);
  context.outputs.set('task-arn', taskArn);
  context.logger.info(
    `Started task ${taskArn.split('/').at(-1) ?? taskArn} of ${plan.taskDefinition} in ${plan.cluster}${plan.overrides === undefined ? '' : ` (overrides for container ${plan.container})`}.`,
  );
  return taskArn;
}

/** Polls the task to STOPPED, printing its log lines as they come; stops it at the timeout. */
async function waitForStop(
  plan: RunTaskPlan,
  inputs: RunTaskInputs,
  ecs: Ecs,
  context: Context,
  state: TypedState<RunTaskState>,
  taskArn: string,
  tail: LogTail,
): Promise<Task> {
  const taskId = taskArn.split('/').at(-1) ?? taskArn;
  const describe = async (): Promise<Task> => {
    const described = (
      await ecs.send(new DescribeTasksCommand({ cluster: plan.cluster, tasks: [taskArn] }))
    ).tasks?.[0];
    // Lines are printed as they arrive, between reads of the task.
    await tail.drain();
    return described ?? {};
  };
  let last = '';
  try {
    return (
      await poll({
        read: describe,
        done: (t) => t.lastStatus === 'STOPPED',
        fingerprint: (t) => t.lastStatus ?? '',
        minIntervalMs: 2000,
        maxIntervalMs: 6000,
        timeoutMs: inputs.timeoutMs,
        what: `task ${taskId} to stop`,
        clock: context.clock,
        sleep: context.sleep,
        signal: context.signal,
        onReadError: (error, progress) => {
          context.logger.warning(
            `Reading task ${taskId} failed after the SDK's retries (${awsErrorCode(error) ?? 'error'}); still waiting for it, next check in ${formatDuration(progress.nextPollMs)}.`,
          );
        },
        onObservation: (t, progress) => {
          const status = t.lastStatus ?? '?';
          if (status !== last) {
            context.logger.info(
              `task ${taskId}: ${status} after ${formatDuration(progress.elapsedMs)}`,
            );
            last = status;
          }
        },
      })
    ).observation;
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    await ecs.send(
      new StopTaskCommand({
        cluster: plan.cluster,
        task: taskArn,
        reason: 'ecs-delivery: the run-task timeout passed',
      }),
    );
    state.save('finished', true);
    context.outputs.set('status', 'TIMED_OUT');
    throw new TimeoutError(
      `Task ${taskId} was still ${last || 'running'} after ${formatDuration(inputs.timeoutMs)}; it was stopped.`,
      'Raise the timeout input if the task needs longer.',
    );
  }
}

/** Outputs, summary and verdict of a stopped task: it failed when an essential container did. */
function reportStopped(
  plan: RunTaskPlan,
  context: Context,
  taskId: string,
  stopped: Task,
  tail: LogTail,
  duration: number,
): void {
  const exitCodes = Object.fromEntries(
    (stopped.containers ?? []).map((c) => [c.name ?? '', c.exitCode ?? null]),
  );
  const failed = (stopped.containers ?? []).filter(
    (c) => plan.essential.includes(c.name ?? '') && c.exitCode !== 0,
  );
  const ownExit = exitCodes[plan.container];
  context.outputs.set('status', failed.length === 0 ? 'SUCCEEDED' : 'FAILED');
  context.outputs.set('exit-code', ownExit === null || ownExit === undefined ? '' : ownExit);
  context.outputs.set('exit-codes', exitCodes);
  context.outputs.set('stopped-reason', stopped.stoppedReason ?? '');
  context.outputs.set('duration-seconds', Math.round(duration / 1000));
  context.summary
    .heading(`Task ${taskId} (${plan.taskDefinition.split('/').at(-1) ?? ''})`)
    .table(
      ['Container', 'Exit code', 'Reason', 'Log lines'],
      (stopped.containers ?? []).map((c) => [
        c.name ?? '',
        c.exitCode === undefined ? '—' : String(c.exitCode),
        c.reason ?? '',
        String(tail.printed.get(c.name ?? '') ?? 0),
      ]),
    )
    .paragraph(
      `**${failed.length === 0 ? 'Succeeded' : 'Failed'}** after ${formatDuration(duration)}. Stopped: ${stopped.stoppedReason ?? '—'}`,
    );
  context.logger.info(`task ${taskId} stopped: ${containerLines(stopped).join('; ')}`);
  if (failed.length > 0) {
    throw new TaskFailedError(
      `Task ${taskId} failed: ${failed.map((c) => `${c.name ?? '?'} ${c.exitCode === undefined ? 'did not run to an exit code' : `exited ${c.exitCode}`}${c.reason === undefined ? '' : ` (${c.reason})`}`).join('; ')}; ${stopped.stoppedReason ?? 'no stopped reason'}.`,
      tail.silent().length > 0
        ? `No log lines came from ${tail.silent().join(', ')}; check its log configuration.`
        : 'Its log lines are above.',
    );
  }
}

/** Post step: a task the main step started and did not see stop (cancelled job) is stopped. */
export async function post(ecs: Ecs, context: Context): Promise<void> {
  const state = new TypedState<RunTaskState>(context.state);
  const taskArn = state.get('taskArn');
  if (state.get('finished') !== false || taskArn === undefined) return;
  context.logger.warning(`The run-task step did not finish: stopping task ${taskArn}.`);
  await ecs.send(
    new StopTaskCommand({
      cluster: state.get('cluster') ?? 'default',
      task: taskArn,
      reason: 'ecs-delivery: the workflow job was cancelled',
    }),
  );
}
