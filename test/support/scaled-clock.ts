import type { Clock, Sleep } from '../../src/core/util/time.js';

/**
 * A clock that runs `scale` times faster than real time, like the test bed: an action waiting
 * "30 s" between checks waits half a second, and its timeouts count emulated time.
 */
export function scaledClock(scale: number): { clock: Clock; sleep: Sleep } {
  const realStart = Date.now();
  return {
    clock: { now: () => realStart + (Date.now() - realStart) * scale },
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, ms / scale);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(signal.reason as Error);
        });
      }),
  };
}
