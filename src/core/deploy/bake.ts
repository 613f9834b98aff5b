// The bake: after ECS or CodeDeploy says a deployment is done, the new version must stay up for a
// while (wall time, as the step runs) before the step says it succeeded. Kubernetes calls this
// minReadySeconds, Argo Rollouts post-promotion analysis; ECS's own blue/green its BAKE_TIME.
import { errorMessage } from '../action/errors.js';

import type { Logger } from '../action/logger.js';

import { type Analysis, AnalysisFailure } from './analysis.js';
import { type Clock, type Sleep, formatDuration } from '../util/time.js';

/** What one look at the new version found. */
export type BakeVerdict =
  | { kind: 'holding'; summary: string }
  | { kind: 'failed'; reason: string }
  /** Someone else's newer deployment took over: not ours to judge or to roll back. */
  | { kind: 'replaced'; reason: string }
  /** The deployment itself ended (CodeDeploy's termination wait is over): the watch goes on. */
  | { kind: 'ended'; summary: string };

export interface BakeOptions {
  durationMs: number;
  /** One look at the new version: its tasks, its running count, whether it is still ours. */
  look: () => Promise<BakeVerdict>;
  analysis?: Analysis | undefined;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
  signal?: AbortSignal | undefined;
  /** Time between looks (default 15 s; shorter near the end). */
  intervalMs?: number;
  what: string;
}

export interface BakeOutcome {
  ranMs: number;
  verdict:
    { kind: 'held' } | { kind: 'failed'; reason: string } | { kind: 'replaced'; reason: string };
  /** Whether a look saw the deployment end while the bake went on (see BakeVerdict 'ended'). */
  sawEnd: boolean;
}

/**
 * Watches the new version for `durationMs`: any look that finds it failing, or a failed analysis
 * round (alarms, metrics), ends the bake as failed. A read that fails (throttling, a lost
 * connection) is retried at the next look rather than judged.
 */
export async function bake(options: BakeOptions): Promise<BakeOutcome> {
  const { clock, logger } = options;
  const started = clock.now();
  const interval = options.intervalMs ?? 15_000;
  let lastLog = started;
  let sawEnd = false;
  logger.info(
    `Bake: watching ${options.what} for ${formatDuration(options.durationMs)} before calling it a success.`,
  );
  for (;;) {
    let verdict: BakeVerdict | undefined;
    try {
      verdict = await options.look();
      await options.analysis?.check();
    } catch (error) {
      if (error instanceof AnalysisFailure)
        return {
          ranMs: clock.now() - started,
          verdict: { kind: 'failed', reason: error.message },
          sawEnd,
        };
      logger.warning(`Bake: a read failed (${errorMessage(error)}); looking again shortly.`);
    }
    const ranMs = clock.now() - started;
    if (verdict?.kind === 'failed' || verdict?.kind === 'replaced')
      return { ranMs, verdict, sawEnd };
    if (verdict?.kind === 'ended' && !sawEnd) {
      sawEnd = true;
      logger.info(`Bake: ${verdict.summary}; still watching the new version.`);
    }
    const remaining = options.durationMs - ranMs;
    if (remaining <= 0) {
      logger.info(
        `Bake: ${options.what} held for ${formatDuration(ranMs)}${verdict === undefined ? '' : ` (${verdict.summary})`}.`,
      );
      return { ranMs, verdict: { kind: 'held' }, sawEnd };
    }
    if (verdict !== undefined && clock.now() - lastLog >= 60_000) {
      lastLog = clock.now();
      logger.info(
        `Bake: ${formatDuration(ranMs)} of ${formatDuration(options.durationMs)}, ${verdict.summary}; ${formatDuration(remaining)} to go.`,
      );
    }
    await options.sleep(Math.min(interval, remaining), options.signal);
  }
}

/**
 * What both strategies' looks judge alike: a task of the new version that stopped since the last
 * look fails the bake, and so do fewer tasks running than desired twice in a row (one look can
 * fall between a stop and its replacement).
 */
export class TaskWatch {
  private shortLooks = 0;

  judge(stopped: string[], running: number, desired: number): BakeVerdict {
    if (stopped.length > 0)
      return {
        kind: 'failed',
        reason: `${stopped.length === 1 ? 'A task' : `${stopped.length} tasks`} of the new version stopped during the bake (${stopped[0] ?? ''}).`,
      };
    this.shortLooks = running < desired ? this.shortLooks + 1 : 0;
    if (this.shortLooks >= 2)
      return {
        kind: 'failed',
        reason: `Only ${running} of ${desired} tasks of the new version were running during the bake.`,
      };
    return { kind: 'holding', summary: `${running}/${desired} tasks running, none stopped` };
  }
}
