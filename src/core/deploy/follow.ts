import type { Logger } from '../action/logger.js';
import type { Clock, Sleep } from '../aws/poller.js';

/** How a deployment is followed, whatever deploys it: bounds, time, where progress goes. */
export interface FollowTiming {
  timeoutMs: number;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
  signal?: AbortSignal;
  minIntervalMs?: number;
  maxIntervalMs?: number;
}
