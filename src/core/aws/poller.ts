import { TimeoutError } from '../action/errors.js';
import { isTransient } from './idempotent.js';
import { type Clock, type Sleep, formatDuration } from '../util/time.js';

export interface PollProgress {
  /** Milliseconds since polling started. */
  elapsedMs: number;
  /** How many reads so far. */
  polls: number;
  /** Whether this observation differs from the previous one. */
  changed: boolean;
  /** How long until the next read. */
  nextPollMs: number;
}

export interface PollOptions<T> {
  /** Reads the current state; its errors end the poll (the SDK has already retried them). */
  read: () => Promise<T>;
  /** Returns true when the wait is over. */
  done: (observation: T) => boolean;
  /** What counts as a change: polling speeds up on change and slows while nothing moves. */
  fingerprint?: (observation: T) => string;
  /** Lets the observation ask for an earlier or later read (e.g. the next traffic step's time). */
  intervalHint?: (observation: T) => number | undefined;
  minIntervalMs?: number;
  maxIntervalMs?: number;
  /** The shortest wait a hint may ask for (default: minIntervalMs), for an end known to be near. */
  minHintMs?: number;
  /** A wait before the first read, when nothing can be seen sooner (default: read at once). */
  firstReadAfterMs?: number;
  /** Factor the interval grows by per unchanged read. */
  growth?: number;
  timeoutMs: number;
  /** Describes what was awaited, for the timeout error. */
  what: string;
  clock: Clock;
  sleep: Sleep;
  signal?: AbortSignal;
  /** Called after every read; use it to log progress. */
  onObservation?: (observation: T, progress: PollProgress) => void;
  /**
   * Called when a read failed for a passing reason (throttling, server error, cut connection)
   * after the SDK's retries: polling goes on, slower, until the timeout, so that what is
   * followed is never left unfollowed. Other errors end the poll.
   */
  onReadError?: (error: unknown, progress: PollProgress) => void;
}

export interface PollResult<T> {
  observation: T;
  polls: number;
  elapsedMs: number;
}

/**
 * Follows one thing (a deployment, a task) until `done`, reading it at an adaptive interval:
 * fast right after a change, slower while nothing changes, never past the timeout.
 */
export async function poll<T>(options: PollOptions<T>): Promise<PollResult<T>> {
  const minInterval = options.minIntervalMs ?? 1000;
  const maxInterval = Math.max(minInterval, options.maxIntervalMs ?? 15_000);
  const growth = options.growth ?? 1.5;
  const started = options.clock.now();
  let interval = minInterval;
  let previous: string | undefined;
  let polls = 0;
  if ((options.firstReadAfterMs ?? 0) > 0)
    await options.sleep(Math.min(options.firstReadAfterMs ?? 0, options.timeoutMs), options.signal);
  for (;;) {
    options.signal?.throwIfAborted();
    let observation: T;
    try {
      observation = await options.read();
    } catch (error) {
      const elapsedMs = options.clock.now() - started;
      const remaining = options.timeoutMs - elapsedMs;
      if (!isTransient(error) || remaining <= 0 || options.signal?.aborted === true) throw error;
      interval = Math.min(maxInterval, Math.round(interval * growth));
      const next = Math.min(interval, remaining);
      options.onReadError?.(error, { elapsedMs, polls, changed: false, nextPollMs: next });
      await options.sleep(next, options.signal);
      continue;
    }
    polls += 1;
    const elapsedMs = options.clock.now() - started;
    const fingerprint = options.fingerprint?.(observation) ?? JSON.stringify(observation);
    const changed = polls === 1 || fingerprint !== previous;
    previous = fingerprint;
    if (options.done(observation)) {
      options.onObservation?.(observation, { elapsedMs, polls, changed, nextPollMs: 0 });
      return { observation, polls, elapsedMs };
    }
    interval = changed ? minInterval : Math.min(maxInterval, Math.round(interval * growth));
    const hint = options.intervalHint?.(observation);
    let next =
      hint === undefined
        ? interval
        : Math.max(options.minHintMs ?? minInterval, Math.min(maxInterval, hint));
    const remaining = options.timeoutMs - elapsedMs;
    if (remaining <= 0) {
      throw new TimeoutError(
        `Timed out after ${formatDuration(elapsedMs)} waiting for ${options.what}.`,
        'Raise the timeout input if this is expected to take longer, or look at the service events above for what held it up.',
      );
    }
    next = Math.min(next, remaining);
    options.onObservation?.(observation, { elapsedMs, polls, changed, nextPollMs: next });
    await options.sleep(next, options.signal);
  }
}
