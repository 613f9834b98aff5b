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
