// When to read next, from what a load balancer says about a deployment's timing (pure). The
// followers of rolling and ECS-native deployments use it: nothing ends while tasks drain, and the
// end comes when the drain does.
import type { ServiceEvent } from '@aws-sdk/client-ecs';

export interface LoadBalancerTiming {
  /** HealthCheckIntervalSeconds x HealthyThresholdCount: a running task is healthy after this. */
  healthyMs: number;
  /** deregistration_delay.timeout_seconds: a stopping task is drained this long, then stopped. */
  drainMs: number;
}

/** What a read allows for a task to exit once drained, beyond the deregistration delay. */
export const EXIT_ALLOWANCE_MS = 1000;

/** The pace of reads before the end is in sight: often enough to see a drain begin before it ends. */
export function drainPace(timing: LoadBalancerTiming): number {
  return Math.min(15_000, Math.max(2000, timing.drainMs - 2000));
}

/**
 * The wait until a drain that began at `drainStart` is over (and each second after that until
 * the end is seen); more than 5 s past its due time, `whenPast` (by default the pace: it was an
 * earlier wave's drain).
 */
export function untilDrained(
  drainStart: number,
  timing: LoadBalancerTiming,
  now: number,
  whenPast = drainPace(timing),
): number {
  const wait = drainStart + timing.drainMs + EXIT_ALLOWANCE_MS - now;
  return wait > -5000 ? Math.max(0, wait) : whenPast;
}

/** How ECS says it stopped routing to tasks it is about to stop (a service event). */
const DRAIN_EVENT = /has begun draining connections on \d+ tasks/;

/**
 * The wait before the next read of a deployment behind a load balancer (pure). Once ECS says it
 * has begun draining the old tasks, the deployment ends when the drain does (the deregistration
 * delay, plus a second for the tasks to exit): the next read is then, and each second after it
 * until it is seen. Before that, reads come often enough to see the drain begin before it can
 * end (the delay less 2 s, 2 to 15 s).
 */
export function drainPacedWait(
  events: readonly ServiceEvent[],
  since: Date | undefined,
  timing: LoadBalancerTiming,
  now: number,
): number {
  const drain = events.find(
    (e) =>
      DRAIN_EVENT.test(e.message ?? '') &&
      e.createdAt !== undefined &&
      (since === undefined || e.createdAt.getTime() >= since.getTime()),
  );
  return drain?.createdAt === undefined
    ? drainPace(timing)
    : untilDrained(drain.createdAt.getTime(), timing, now);
}

/**
 * Without a load balancer, a new task with no essential container health check counts as healthy
 * this long after it runs ("the service scheduler will wait for 40 seconds after a task reaches a
 * RUNNING state before the task is counted towards the minimum healthy percent total": ECS API
 * Reference, DeploymentConfiguration). The old tasks a minimum healthy percent keeps stop no
 * sooner, so a deployment cannot end before it.
 */
export const NO_HEALTH_CHECK_GRACE_MS = 40_000;

/**
 * The wait before the next read when the end cannot come before `due` (pure): reads back off
 * (the time since `since`, at least 2 s) and land on `due`; after it, each second, then slower as
 * the end runs late (half the lateness, up to 15 s). A `due` that is wrong (an emulator's scaled
 * time, a rule ECS changed) costs the back-off's lag, never a missed end.
 */
export function towardsDue(due: number, since: number, now: number): number {
  if (now < due) return Math.min(due - now, Math.max(2000, now - since));
  return Math.min(15_000, Math.max(1000, (now - due) / 2));
}

/**
 * The pace of reads while an end that cannot be timed exactly is near (CodeDeploy shifting traffic
 * on its own checks, some seconds after the new tasks pass theirs): the end is seen at most 1.3 s
 * late (the lag goal is 1.5 s at p95), with a fifth fewer reads than each second.
 */
export const NEAR_END_READ_MS = 1300;

/**
 * How often to look at new tasks that start (pure): often enough to see them run before they can
 * pass health checks that take `healthyMs` (3 s to spare, for the reads of their start times),
 * 2 to 15 s.
 */
export function startingLookMs(healthyMs: number): number {
  return Math.min(15_000, Math.max(2000, healthyMs - 3000));
}

/**
 * The wait before the next read once running tasks are due healthy at `due` and the end comes an
 * unknown few seconds after that (pure): straight to the due time, then each NEAR_END_READ_MS for
 * 10 s, then each 2 s. Tasks that run now pass checks taking `healthyMs` within that time: a due
 * further away is a clock that disagrees, and the reads back off as without one (undefined).
 */
export function nearDueWait(due: number, healthyMs: number, now: number): number | undefined {
  if (due - now > healthyMs + 2000) return undefined;
  if (now < due) return due - now + 250;
  return now - due < 10_000 ? NEAR_END_READ_MS : 2000;
}
