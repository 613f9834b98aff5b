import { describe, expect, it } from 'vitest';
import { TimeoutError } from '../../../src/core/action/errors.js';
import { poll } from '../../../src/core/aws/poller.js';
import { realSleep } from '../../../src/core/util/time.js';
import { VirtualClock } from '../../support/doubles.js';

/** A sequence of observations, one per read, repeating the last. */
function script<T>(values: T[]): () => Promise<T> {
  let index = 0;
  return () => Promise.resolve(values[Math.min(index++, values.length - 1)] as T);
}

describe('poll', () => {
  it('returns the first observation that is done, counting reads', async () => {
    const clock = new VirtualClock();
    const result = await poll({
      read: script(['IN_PROGRESS', 'IN_PROGRESS', 'COMPLETED']),
      done: (state) => state === 'COMPLETED',
      timeoutMs: 60_000,
      what: 'the deployment',
      clock,
      sleep: clock.sleep,
    });
    expect(result).toMatchObject({ observation: 'COMPLETED', polls: 3 });
  });

  it('slows down while nothing changes and speeds up after a change', async () => {
    const clock = new VirtualClock();
    await poll({
      read: script(['a', 'a', 'a', 'a', 'b', 'b', 'done']),
      done: (state) => state === 'done',
      minIntervalMs: 1000,
      maxIntervalMs: 2000,
      growth: 1.5,
      timeoutMs: 60_000,
      what: 'x',
      clock,
      sleep: clock.sleep,
    });
    // first read counts as a change; then 1.5x growth capped at 2 s; reset to 1 s when 'b' appears
    expect(clock.sleeps).toEqual([1000, 1500, 2000, 2000, 1000, 1500]);
  });

  it('follows an interval hint within the bounds', async () => {
    const clock = new VirtualClock();
    await poll({
      read: script<{ next: number; done?: boolean }>([
        { next: 30_000 },
        { next: 10 },
        { next: 0, done: true },
      ]),
      done: (o) => o.done === true,
      intervalHint: (o) => o.next,
      minIntervalMs: 500,
      maxIntervalMs: 15_000,
      timeoutMs: 60_000,
      what: 'x',
      clock,
      sleep: clock.sleep,
    });
    expect(clock.sleeps).toEqual([15_000, 500]);
  });

  it('waits before its first read when told nothing can be seen sooner', async () => {
    const clock = new VirtualClock();
    const result = await poll({
      read: script(['a', 'done']),
      done: (state) => state === 'done',
      firstReadAfterMs: 12_000,
      minIntervalMs: 1000,
      timeoutMs: 60_000,
      what: 'x',
      clock,
      sleep: clock.sleep,
    });
    expect(clock.sleeps).toEqual([12_000, 1000]);
    expect(result.polls).toBe(2);
  });

  it('never sleeps past the timeout and then fails saying what it waited for', async () => {
    const clock = new VirtualClock();
    const waiting = poll({
      read: script(['IN_PROGRESS']),
      done: () => false,
      minIntervalMs: 4000,
      maxIntervalMs: 4000,
      timeoutMs: 10_000,
      what: 'deployment ecs-svc/1 to complete',
      clock,
      sleep: clock.sleep,
    });
    await expect(waiting).rejects.toThrow(TimeoutError);
    await expect(waiting).rejects.toThrow(
      /^Timed out after 10s waiting for deployment ecs-svc\/1 to complete\. Raise the timeout/,
    );
    expect(clock.sleeps).toEqual([4000, 4000, 2000]);
  });

  it('reports progress after every read with the next interval', async () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    await poll({
      read: script<string>(['a', 'b', 'done']),
      done: (state) => state === 'done',
      minIntervalMs: 1000,
      timeoutMs: 60_000,
      what: 'x',
      clock,
      sleep: clock.sleep,
      onObservation: (state, progress) =>
        seen.push(`${state}@${progress.elapsedMs}+${progress.nextPollMs}`),
    });
    expect(seen).toEqual(['a@0+1000', 'b@1000+1000', 'done@2000+0']);
  });

  it('keeps following through throttling and server errors, slower, but not through a refusal', async () => {
    const clock = new VirtualClock(0);
    const sdkError = (name: string, status: number) =>
      Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
    const answers: (string | Error)[] = [
      'IN_PROGRESS',
      sdkError('ThrottlingException', 400),
      sdkError('ServiceUnavailable', 503),
      'COMPLETED',
    ];
    const errors: string[] = [];
    const result = await poll({
      read: () => {
        const next = answers.shift();
        return next instanceof Error ? Promise.reject(next) : Promise.resolve(next ?? '');
      },
      done: (s) => s === 'COMPLETED',
      minIntervalMs: 1000,
      timeoutMs: 60_000,
      what: 'x',
      clock,
      sleep: clock.sleep,
      onReadError: (error) => errors.push((error as Error).name),
    });
    expect(result.observation).toBe('COMPLETED');
    expect(errors).toEqual(['ThrottlingException', 'ServiceUnavailable']);
    expect(clock.sleeps).toEqual([1000, 1500, 2250]);
    await expect(
      poll({
        read: () => Promise.reject(sdkError('AccessDeniedException', 400)),
        done: () => true,
        timeoutMs: 60_000,
        what: 'x',
        clock,
        sleep: clock.sleep,
      }),
    ).rejects.toThrow('AccessDeniedException');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const clock = new VirtualClock();
    let reads = 0;
    const waiting = poll({
      read: () => {
        reads += 1;
        if (reads === 2) controller.abort(new Error('cancelled by the runner'));
        return Promise.resolve('x');
      },
      done: () => false,
      timeoutMs: 60_000,
      what: 'x',
      clock,
      sleep: clock.sleep,
      signal: controller.signal,
    });
    await expect(waiting).rejects.toThrow('cancelled by the runner');
    expect(reads).toBe(2);
  });

  it('realSleep rejects at once when aborted', async () => {
    const controller = new AbortController();
    const sleeping = realSleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });
});
