import { arnIn } from '../action/permissions.js';
import { type CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTasksCommand, type ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { errorMessage } from '../action/errors.js';
import type { Logger } from '../action/logger.js';
import { awsErrorCode } from '../action/errors.js';
import type { RequiredPermission } from '../action/permissions.js';
import type { LogSource } from './log-sources.js';

/** Reading the last log lines of crashed containers (part of the deploy's permission contract). */
export function logReadPermissions(
  sources: readonly LogSource[],
  region: string,
  account: string,
): RequiredPermission[] {
  return [...new Set(sources.map((s) => `${s.region ?? region}\u0000${s.group}`))].map((key) => {
    const [groupRegion, group] = key.split('\u0000');
    return {
      action: 'logs:GetLogEvents',
      resource: arnIn(
        'logs',
        groupRegion ?? region,
        account,
        `log-group:${group ?? ''}:log-stream:*`,
      ),
      write: false,
      reason: 'show the last log lines of crashed tasks',
    };
  });
}

export interface StoppedTasksOptions {
  ecs: Pick<ECSClient, 'send'>;
  cluster: string;
  logger: Logger;
  /** CloudWatch Logs, to print the last lines of containers that exited with an error. */
  logs?: Pick<CloudWatchLogsClient, 'send'>;
  sources?: readonly LogSource[];
  /** How many log lines per crashed container (default 10). */
  lines?: number;
}

/**
 * Reports each stopped task of a deployment or task set once, as it is seen: its stopped reason,
 * each container's exit code and reason, and the last log lines of the containers that failed.
 */
/** A container that exited non-zero, and the log stream it wrote to (awslogs). */
export interface CrashedContainer {
  taskId: string;
  container: string;
  exitCode: number;
  stoppedReason: string | undefined;
  log: { group: string; stream: string; region: string | undefined } | undefined;
}

/** The awslogs stream of a container in a task: prefix/container/task id. */
function streamName(source: LogSource, container: string, taskId: string): string {
  return source.streamPrefix === undefined
    ? taskId
    : `${source.streamPrefix}/${container}/${taskId}`;
}

export class StoppedTasks {
  private readonly seen = new Set<string>();
  private logsUnreadable = false;
  /** The last lines printed per container, so a crash loop prints them once. */
  private readonly printed = new Map<string, { text: string; taskId: string }>();
  /** Containers that exited non-zero, with where they logged (the first 20), for the summary. */
  readonly crashed: CrashedContainer[] = [];

  constructor(private readonly options: StoppedTasksOptions) {}

  /** How many stopped tasks have been reported so far. */
  get count(): number {
    return this.seen.size;
  }

  /**
   * Reports the stopped tasks started by `startedBy` (a deployment or task set id) not seen yet,
   * and returns what it printed for each (empty when none is new).
   */
  async report(startedBy: string): Promise<string[]> {
    const { ecs, cluster, logger } = this.options;
    const listed = await ecs.send(
      new ListTasksCommand({ cluster, startedBy, desiredStatus: 'STOPPED' }),
    );
    const fresh = (listed.taskArns ?? []).filter((arn) => !this.seen.has(arn)).slice(0, 10);
    const reported: string[] = [];
    if (fresh.length === 0) return reported;
    const described = await ecs.send(new DescribeTasksCommand({ cluster, tasks: fresh }));
    for (const task of described.tasks ?? []) {
      if (task.taskArn === undefined) continue;
      this.seen.add(task.taskArn);
      const taskId = task.taskArn.split('/').at(-1) ?? '';
      const exits = (task.containers ?? [])
        .map(
          (c) =>
            `${c.name ?? '?'} exit ${c.exitCode ?? '-'}${c.reason === undefined ? '' : ` (${c.reason})`}`,
        )
        .join(', ');
      const line = `task ${taskId} stopped: ${task.stoppedReason ?? 'no reason given'}${exits === '' ? '' : `; ${exits}`}`;
      logger.warning(line);
      reported.push(line);
      for (const container of task.containers ?? []) {
        if (container.exitCode === undefined || container.exitCode === 0) continue;
        this.noteCrash(taskId, container.name ?? '', container.exitCode, task.stoppedReason);
        await this.printLastLines(taskId, container.name ?? '');
      }
    }
    return reported;
  }

  private noteCrash(
    taskId: string,
    container: string,
    exitCode: number,
    stoppedReason: string | undefined,
  ): void {
    if (this.crashed.length >= 20) return;
    const source = this.options.sources?.find((s) => s.container === container);
    this.crashed.push({
      taskId,
      container,
      exitCode,
      stoppedReason,
      log:
        source === undefined
          ? undefined
          : {
              group: source.group,
              stream: streamName(source, container, taskId),
              region: source.region,
            },
    });
  }

  private async printLastLines(taskId: string, container: string): Promise<void> {
    const { logs, logger } = this.options;
    const source = this.options.sources?.find((s) => s.container === container);
    if (logs === undefined || source === undefined || this.logsUnreadable) return;
    const stream = streamName(source, container, taskId);
    try {
      const events = await logs.send(
        new GetLogEventsCommand({
          logGroupName: source.group,
          logStreamName: stream,
          limit: this.options.lines ?? 10,
          startFromHead: false,
        }),
      );
      const lines = (events.events ?? []).map((e) => e.message ?? '');
      if (lines.length === 0) return;
      const before = this.printed.get(container);
      if (before?.text === lines.join('\n')) {
        logger.info(
          `${container} in task ${taskId} ended with the same lines as in task ${before.taskId}.`,
        );
        return;
      }
      this.printed.set(container, { text: lines.join('\n'), taskId });
      logger.info(`last ${lines.length} log line(s) of ${container} in task ${taskId}:`);
      for (const line of lines) logger.info(`  | ${line}`);
    } catch (error) {
      if (awsErrorCode(error) === 'ResourceNotFoundException') return;
      // Once is enough: the deployment goes on without the logs.
      this.logsUnreadable = true;
      logger.warning(
        `Cannot read the logs of ${container} (${source.group}/${stream}): ${errorMessage(error)}. Grant logs:GetLogEvents on the log group to see crashed containers' last lines here.`,
      );
    }
  }
}
