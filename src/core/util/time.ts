// Time as the actions see it: a clock and a sleep that are injected (tests run on a virtual
// clock and never sleep), and durations in words. Imports nothing, so every layer may use it.

/** Milliseconds since the epoch; injected so tests run on a virtual clock. */
export interface Clock {
  now(): number;
}

/** Waits `ms`, or rejects when `signal` aborts. Injected so tests never sleep. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const systemClock: Clock = { now: () => Date.now() };

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** 90_000 -> "1m30s"; for log lines and error messages. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  let seconds = Math.round(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  return `${hours > 0 ? `${hours}h` : ''}${minutes > 0 ? `${minutes}m` : ''}${seconds > 0 || (hours === 0 && minutes === 0) ? `${seconds}s` : ''}`;
}
