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
