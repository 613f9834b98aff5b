// When followers read next behind a load balancer (src/core/deploy/pace.ts, nativeWait): pure tables.
import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { nativeWait } from '../../../src/core/deploy/ecs-native.js';
import {
  EXIT_ALLOWANCE_MS,
  drainPace,
  drainPacedWait,
  towardsDue,
  NEAR_END_READ_MS,
  nearDueWait,
  startingLookMs,
  untilDrained,
} from '../../../src/core/deploy/pace.js';

const T0 = Date.parse('2026-12-02T10:00:00Z');
const timing = { healthyMs: 15_000, drainMs: 15_000 };
const drainEvent = (atMs: number) => ({
  id: 'e',
  createdAt: new Date(atMs),
  message: '(service web) has begun draining connections on 2 tasks.',
});

describe('drainPace: often enough to see a drain begin before it can end', () => {
  it.each([
    [15_000, 13_000],
    [300_000, 15_000],
    [0, 2000],
    [3000, 2000],
  ])('deregistration delay %i ms: a read every %i ms', (drainMs, pace) => {
    expect(drainPace({ healthyMs: 0, drainMs })).toBe(pace);
  });
});

describe('untilDrained: the next read when the drain is over, each second after', () => {
  it.each([
    ['just begun', 0, 15_000 + EXIT_ALLOWANCE_MS],
    ['half way', 8000, 8000],
    ['due now', 16_000, 0],
    ['2 s late: read at once (each second after)', 18_000, 0],
    ['long past: an earlier wave, back to the pace', 30_000, 13_000],
  ])('%s', (_what, elapsed, wait) => {
    expect(untilDrained(T0, timing, T0 + elapsed)).toBe(wait);
  });
});

describe('drainPacedWait: from the service events of a rolling deployment', () => {
  const since = new Date(T0 - 40_000);
  it('paces until ECS says it began draining', () => {
    expect(drainPacedWait([], since, timing, T0)).toBe(13_000);
    expect(
      drainPacedWait(
        [
          {
            message: '(service web) has started 2 tasks: (task a) (task b).',
            createdAt: new Date(T0),
          },
        ],
        since,
        timing,
        T0,
      ),
    ).toBe(13_000);
  });
  it('reads when the drain that began is over', () => {
    expect(drainPacedWait([drainEvent(T0 - 4000)], since, timing, T0)).toBe(12_000);
  });
  it('ignores a drain of an earlier deployment', () => {
    expect(drainPacedWait([drainEvent(T0 - 60_000)], since, timing, T0)).toBe(13_000);
  });
});

describe('nativeWait: the read after each state of a service deployment', () => {
  const d = (over: Partial<ServiceDeployment>): ServiceDeployment => ({
    status: 'IN_PROGRESS',
    ...over,
  });
  it.each([
    ['a rollback: soon', d({ status: 'ROLLBACK_IN_PROGRESS' }), timing, 2000],
    ['clean-up without timing: soon', d({ lifecycleStage: 'CLEAN_UP' }), undefined, 2000],
    [
      'clean-up begun 5 s ago: when blue is drained',
      d({ lifecycleStage: 'CLEAN_UP', updatedAt: new Date(T0 - 5000) }),
      timing,
      15_000 + EXIT_ALLOWANCE_MS - 5000,
    ],
    [
      'clean-up long past its drain: soon, not at the pace',
      d({ lifecycleStage: 'CLEAN_UP', updatedAt: new Date(T0 - 60_000) }),
      timing,
      2000,
    ],
    ['a step before: the pace', d({ lifecycleStage: 'SCALE_UP' }), timing, 13_000],
    [
      'a step before, no timing: the poller backs off',
      d({ lifecycleStage: 'SCALE_UP' }),
      undefined,
      undefined,
    ],
  ])('%s', (_what, deployment, lb, wait) => {
    expect(nativeWait(deployment, lb, T0)).toBe(wait);
  });
});

describe('towardsDue: back off, land on the earliest end, then each second and slower', () => {
  const due = T0 + 40_000;
  it.each([
    ['just learnt: 2 s', T0, T0, 2000],
    ['8 s since: wait as long again', T0, T0 + 8000, 8000],
    ['the back-off would pass the due time: land on it', T0, T0 + 32_000, 8000],
    ['due now: a second', T0, due, 1000],
    ['3 s late: 1.5 s', T0, due + 3000, 1500],
    ['a minute late: at most 15 s', T0, due + 60_000, 15_000],
  ])('%s', (_what, since, now, wait) => {
    expect(towardsDue(due, since, now)).toBe(wait);
  });
});

describe('startingLookMs: looks at starting tasks often enough to see them run before they can be healthy', () => {
  it.each([
    [15_000, 12_000],
    [150_000, 15_000],
    [10_000, 7000],
    [4000, 2000],
  ])('health checks of %i ms: a look every %i ms', (healthyMs, look) => {
    expect(startingLookMs(healthyMs)).toBe(look);
  });
});

describe('nearDueWait: to the due time, then each 1.3 s, then each 2 s; a due too far is a clock that disagrees', () => {
  const due = T0 + 36_000;
  it.each([
    ['12 s before: there, plus 250 ms', T0 + 24_000, 12_250],
    ['due now', due, NEAR_END_READ_MS],
    ['9 s late', due + 9000, NEAR_END_READ_MS],
    ['10 s late: each 2 s', due + 10_000, 2000],
    ['17 s away with 15 s checks: within 2 s of skew', due - 17_000, 17_250],
    ['18 s away with 15 s checks: not trusted', due - 18_000, undefined],
  ])('%s', (_what, now, wait) => {
    expect(nearDueWait(due, 15_000, now)).toBe(wait);
  });
});
