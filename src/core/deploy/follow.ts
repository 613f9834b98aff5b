import type { Logger } from '../action/logger.js';
import { type Clock, type Sleep } from '../util/time.js';

/** How a deployment is followed, whatever deploys it: bounds, time, where progress goes. */
export interface FollowTiming {
  timeoutMs: number;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
  signal?: AbortSignal;
  minIntervalMs?: number;
  maxIntervalMs?: number;
  /**
   * Checks run on each read while the deployment is in flight (alarms, metrics); they throw
   * AnalysisFailure to end following, and the caller stops and rolls back.
   */
  analysis?: { check(): Promise<void> };
}

/**
 * Whether every task of a deployment or task set runs (its running count reaches the desired
 * one; one with no desired count reads as wanting a task, so an empty read is not "all running").
 */
export function allRunning(
  counts: { runningCount?: number | undefined; desiredCount?: number | undefined } | undefined,
): boolean {
  return (counts?.runningCount ?? 0) >= (counts?.desiredCount ?? 1);
}
