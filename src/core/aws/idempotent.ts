import type { Logger } from '../action/logger.js';
import { backoffDelay, withoutSdkRetries } from './clients.js';
import { awsErrorCode, isAwsSdkError } from '../action/errors.js';
import { type Sleep } from '../util/time.js';

/** What an error says about whether a write happened. */
export type WriteOutcome = 'not-done' | 'unknown' | 'failed';

const THROTTLING = /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i;
const NO_CONNECTION = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Throttling was refused before anything happened; a connection that could not be opened sent
 * nothing. A connection cut or timed out after sending, or a server error, leaves it unknown.
 */
export function writeOutcome(error: unknown): WriteOutcome {
  const code = awsErrorCode(error) ?? '';
  const shape = error as { $metadata?: { httpStatusCode?: number }; code?: string };
  const status = shape.$metadata?.httpStatusCode;
  if (THROTTLING.test(code)) return 'not-done';
  if (NO_CONNECTION.has(shape.code ?? '') || NO_CONNECTION.has(code)) return 'not-done';
  if (status !== undefined && status >= 500) return 'unknown';
  if (status === undefined) return 'unknown';
  return 'failed';
}

/**
 * An AWS call that failed for a passing reason (throttling, a server error, a cut connection)
 * after the SDK's own retries; not a refusal, and not a bug of ours.
 */
export function isTransient(error: unknown): boolean {
  return isAwsSdkError(error) && writeOutcome(error) !== 'failed';
}

export interface OnceOptions<T> {
  /** For the log: e.g. "CreateDeployment of web:42". */
  what: string;
  /** The write. It runs with the SDK's retries off. */
  send: () => Promise<T>;
  /** After a lost answer: the write's effect when it did happen (our own deployment), else undefined. */
  findOwn: () => Promise<T | undefined>;
  logger: Logger;
  sleep: Sleep;
  signal?: AbortSignal;
  /** Sends after a lost answer (default 5). */
  attempts?: number;
  /** Sends while throttled (default 12: about a minute or two of backoff, as a busy account needs). */
  throttledAttempts?: number;
}

/**
 * Sends a write at most once in effect: a throttled attempt is retried with backoff; when the
 * answer is lost (connection cut, server error), the write's effect is looked for first and used
 * when it is there, so a retry never makes a second deployment.
 */
export async function sendOnce<T>(options: OnceOptions<T>): Promise<T> {
  const attempts = options.attempts ?? 5;
  const throttledAttempts = options.throttledAttempts ?? 12;
  let unknown = 0;
  let throttled = 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await withoutSdkRetries(options.send);
    } catch (error) {
      const outcome = writeOutcome(error);
      const code = awsErrorCode(error) ?? 'error';
      if (outcome === 'failed') throw error;
      if (outcome === 'unknown') {
        const own = await options.findOwn();
        if (own !== undefined) {
          options.logger.warning(
            `${options.what}: the answer was lost (${code}), but the write had happened; continuing with it instead of sending it again.`,
          );
          return own;
        }
      }
      if (outcome === 'unknown') unknown += 1;
      else throttled += 1;
      const budget = outcome === 'unknown' ? attempts : throttledAttempts;
      if ((outcome === 'unknown' ? unknown : throttled) >= budget) throw error;
      options.logger.warning(
        `${options.what}: ${outcome === 'unknown' ? `no answer (${code}) and no sign it happened` : `throttled (${code})`}; sending it again (attempt ${attempt + 1}).`,
      );
      await options.sleep(backoffDelay(attempt, 1000, 20_000) + 500, options.signal);
    }
  }
}
