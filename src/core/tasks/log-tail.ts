import { type CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Logger } from '../action/logger.js';
import { awsErrorCode } from '../action/errors.js';
import type { LogSource } from '../deploy/log-sources.js';

type Logs = Pick<CloudWatchLogsClient, 'send'>;

/** The awslogs stream of one container of one task. */
export function streamName(source: LogSource, taskId: string): string {
  return source.streamPrefix === undefined
    ? taskId
    : `${source.streamPrefix}/${source.container}/${taskId}`;
}

/**
 * Follows the CloudWatch Logs streams of a task's containers and prints each new line once, as
 * `[container] line`. A stream that does not exist yet (the container has not logged) is tried
 * again on the next drain.
 */
export class LogTail {
  private readonly tokens = new Map<string, string>();
  private readonly missing = new Set<string>();
  /** Lines printed, per container. */
  readonly printed = new Map<string, number>();

  constructor(
    private readonly logs: Logs,
    private readonly sources: readonly LogSource[],
    private readonly taskId: string,
    private readonly logger: Logger,
  ) {}

  /** Reads and prints everything new in every stream. */
  async drain(): Promise<void> {
    for (const source of this.sources) await this.drainOne(source);
  }

  private async drainOne(source: LogSource): Promise<void> {
    const stream = streamName(source, this.taskId);
    const key = `${source.group}\u0000${stream}`;
    // GetLogEvents returns at most 10,000 events a page; the same token back means the end.
    for (let page = 0; page < 20; page += 1) {
      const token = this.tokens.get(key);
      let response;
      try {
        response = await this.logs.send(
          new GetLogEventsCommand({
            logGroupName: source.group,
            logStreamName: stream,
            startFromHead: true,
            ...(token === undefined ? {} : { nextToken: token }),
          }),
        );
      } catch (error) {
        if (awsErrorCode(error) === 'ResourceNotFoundException') {
          this.missing.add(key);
          return;
        }
        throw error;
      }
      this.missing.delete(key);
      for (const event of response.events ?? []) {
        this.logger.info(`[${source.container}] ${event.message ?? ''}`);
        this.printed.set(source.container, (this.printed.get(source.container) ?? 0) + 1);
      }
      const next = response.nextForwardToken;
      if (next === undefined || next === token) return;
      this.tokens.set(key, next);
      if ((response.events ?? []).length === 0) return;
    }
  }

  /** Containers whose stream was never found (they logged nothing, or not to CloudWatch). */
  silent(): string[] {
    return this.sources
      .filter((s) => this.missing.has(`${s.group}\u0000${streamName(s, this.taskId)}`))
      .map((s) => s.container);
  }
}
