import {
  type Deployment,
  type ECSClient,
  ListServiceDeploymentsCommand,
  type Service,
  UpdateServiceCommand,
  type UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import { sendOnce } from '../aws/idempotent.js';
import { describeService } from './service.js';
import { EXIT_ALLOWANCE_MS, type LoadBalancerTiming, drainPacedWait, towardsDue } from './pace.js';
import { poll } from '../aws/poller.js';
import { awsErrorCode } from '../action/errors.js';
import { type BakeVerdict, TaskWatch } from './bake.js';
import { type FollowTiming, allRunning } from './follow.js';
import { StoppedTasks } from './stopped-tasks.js';
import { runningTaskStarts } from './task-starts.js';
import { formatDuration } from '../util/time.js';

type Ecs = Pick<ECSClient, 'send'>;

/** How a followed rolling deployment ended, as far as the step saw it through. */
export type RollingEnd =
  /** Ours completed: every task of it runs and the old ones are gone. */
  | 'COMPLETED'
  /** Ours failed; when ECS's circuit breaker rolled it back, that rollback completed. */
  | 'FAILED'
  /** A newer deployment someone else started took the service over: it is theirs now. */
  | 'REPLACED'
  /** Ours failed and ECS's rollback of it failed too: the service serves neither cleanly. */
  | 'ROLLBACK_FAILED';

export interface RollingOutcome {
  status: RollingEnd;
  reason: string;
  /** ECS's circuit breaker rolled the service back, and that rollback was seen to complete. */
  rolledBackByEcs: boolean;
  /** The deployment that serves when following ended. */
  servingDeploymentId: string | undefined;
  servingTaskDefinition: string | undefined;
  polls: number;
  elapsedMs: number;
}

/** Where a followed deployment stands after one read of the service. */
export type RollingStand =
  | { kind: 'running' }
  | { kind: 'completed'; deployment: Deployment }
  /** Ours failed and nothing will roll it back. */
  | { kind: 'failed'; deployment: Deployment }
  /** Ours failed and ECS's circuit breaker is about to roll it back. */
  | { kind: 'awaiting-rollback'; deployment: Deployment }
  /** ECS's rollback deployment, in progress, completed or failed. */
  | { kind: 'rolling-back' | 'rolled-back' | 'rollback-failed'; rollback: Deployment }
  | { kind: 'replaced'; by: Deployment }
  /** Ours left the service's list: its service deployment (the history) says how it ended. */
  | { kind: 'gone'; primary: Deployment | undefined };

export interface StandContext {
  deploymentId: string;
  /** ECS's rollback deployment, once seen. */
  rollbackId: string | undefined;
  /** The service's circuit breaker rolls back on failure. */
  breakerRollback: boolean;
  /** The task definition a rollback returns to, when known: a newer deployment of another one is not ECS's rollback. */
  rollbackTarget: string | undefined;
}

function rollbackStand(rollback: Deployment): RollingStand {
  if (rollback.rolloutState === 'COMPLETED') return { kind: 'rolled-back', rollback };
  if (rollback.rolloutState === 'FAILED') return { kind: 'rollback-failed', rollback };
  return { kind: 'rolling-back', rollback };
}

/**
 * Classifies one read of the service's deployments (pure). A newer PRIMARY is ECS's rollback
 * only when ours failed under a circuit breaker that rolls back (and it runs the rollback
 * target, when known); any other newer PRIMARY replaced ours and belongs to someone else.
 */
export function rollingStand(deployments: Deployment[], context: StandContext): RollingStand {
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  const ours = deployments.find((d) => d.id === context.deploymentId);
  if (context.rollbackId !== undefined) {
    if (primary === undefined) return { kind: 'gone', primary };
    if (primary.id === context.rollbackId) return rollbackStand(primary);
    return { kind: 'replaced', by: primary };
  }
  if (ours === undefined) return { kind: 'gone', primary };
  // Completed is completed, even if a newer deployment has started since (the bake judges that).
  if (ours.rolloutState === 'COMPLETED') return { kind: 'completed', deployment: ours };
  if (primary === undefined || primary.id === ours.id) {
    if (ours.rolloutState === 'FAILED')
      return context.breakerRollback
        ? { kind: 'awaiting-rollback', deployment: ours }
        : { kind: 'failed', deployment: ours };
    return { kind: 'running' };
  }
  const isRollback =
    ours.rolloutState === 'FAILED' &&
    context.breakerRollback &&
    (context.rollbackTarget === undefined || primary.taskDefinition === context.rollbackTarget);
  return isRollback ? rollbackStand(primary) : { kind: 'replaced', by: primary };
}

function isFinal(stand: RollingStand): boolean {
  return (
    stand.kind !== 'running' && stand.kind !== 'awaiting-rollback' && stand.kind !== 'rolling-back'
  );
}

interface Observation {
  service: Service;
  ours: Deployment | undefined;
  primary: Deployment | undefined;
  stand: RollingStand;
}

export interface FollowOptions extends FollowTiming {
  ecs: Ecs;
  cluster: string;
  service: string;
  deploymentId: string;
  /** The task definition ECS's circuit breaker would roll back to (the one served before). */
  rollbackTarget?: string | undefined;
  /** Reports the deployment's stopped tasks (default: reasons and exit codes, no logs). */
  stoppedTasks?: StoppedTasks;
  /** Sees every read of the service (e.g. to time how long no task ran). */
  onService?: (service: Service) => void;
  /** The service's load balancer timing: reads are paced by its drain (see drainPacedWait). */
  loadBalancer?: LoadBalancerTiming | undefined;
  /**
   * Without a load balancer: how long after it runs ECS counts a new task healthy, when that is
   * known (40 s when no essential container has a health check; NO_HEALTH_CHECK_GRACE_MS). The
   * old tasks stop no sooner: reads back off until then and land on it.
   */
  countedHealthyAfterMs?: number | undefined;
}

/** A line naming the deployment that replaced ours, for the log, the summary and the error. */
export function replacedReason(
  deploymentId: string,
  by: Pick<Deployment, 'id' | 'taskDefinition' | 'createdAt'> | undefined,
): string {
  const when = by?.createdAt === undefined ? '' : ` at ${by.createdAt.toISOString()}`;
  return `Deployment ${by?.id ?? 'another deployment'} (${by?.taskDefinition ?? 'task definition unknown'}), started${when} by another caller (a second workflow run, the console or the CLI), replaced ${deploymentId} before this step saw it through. That deployment now owns the service: nothing was rolled back over it.`;
}

/**
 * Follows one ECS rolling deployment by its id to its end: COMPLETED; FAILED (when ECS's circuit
 * breaker rolls back, that rollback is followed to its end too, and a failed rollback is
 * ROLLBACK_FAILED); or REPLACED by a newer deployment someone else started. Prints progress, new
 * service events and the reasons of stopped tasks.
 */
export async function followRollingDeployment(options: FollowOptions): Promise<RollingOutcome> {
  const { ecs, cluster, service, deploymentId, logger } = options;
  const follower = new RollingFollower(options);
  const started = options.clock.now();
  const result = await poll<Observation>({
    read: () => follower.observe(),
    done: (o) => isFinal(o.stand),
    fingerprint: (o) =>
      JSON.stringify(
        (o.service.deployments ?? []).map((d) => [
          d.id,
          d.rolloutState,
          d.runningCount,
          d.pendingCount,
          d.failedTasks,
        ]),
      ),
    intervalHint: (o) => {
      const d = o.stand.kind === 'rolling-back' ? o.stand.rollback : o.ours;
      // Behind a load balancer, the old tasks' drain ends the deployment: read when it is over.
      if (options.loadBalancer !== undefined && o.stand.kind === 'running' && d !== undefined)
        return drainPacedWait(
          o.service.events ?? [],
          d.createdAt,
          options.loadBalancer,
          options.clock.now(),
        );
      // Without one, ECS's wait before it counts new tasks healthy can time the reads.
      const graceWait =
        o.stand.kind === 'running' && d?.rolloutState === 'IN_PROGRESS'
          ? follower.graceWait(d, options.clock.now())
          : undefined;
      if (graceWait !== undefined) return graceWait;
      // Every new task runs: only the old ones' draining is left, so the end is near; read often.
      return d?.rolloutState === 'IN_PROGRESS' && allRunning(d)
        ? (options.minIntervalMs ?? 2000)
        : undefined;
    },
    minIntervalMs: options.minIntervalMs ?? 2000,
    minHintMs: 1000,
    maxIntervalMs: options.maxIntervalMs ?? 15_000,
    timeoutMs: options.timeoutMs,
    what: `deployment ${deploymentId} of ${cluster}/${service} to complete`,
    clock: options.clock,
    sleep: options.sleep,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onReadError: (error, progress) => {
      logger.warning(
        `Reading deployment ${deploymentId} failed after the SDK's retries (${awsErrorCode(error) ?? 'error'}); still following it, next check in ${formatDuration(progress.nextPollMs)}.`,
      );
    },
    onObservation: (o, progress) => {
      options.onService?.(o.service);
      const d = o.stand.kind === 'rolling-back' ? o.stand.rollback : (o.ours ?? o.primary);
      const what =
        o.stand.kind === 'rolling-back'
          ? "ECS's rollback "
          : o.ours === undefined
            ? 'our deployment is gone; serving '
            : '';
      logger.info(
        `${formatDuration(progress.elapsedMs)}: ${what}${d?.id ?? '?'} ${d?.rolloutState ?? ''}, running ${d?.runningCount ?? 0}/${d?.desiredCount ?? 0}, pending ${d?.pendingCount ?? 0}, failed tasks ${d?.failedTasks ?? 0}${progress.nextPollMs > 0 ? `; next check in ${formatDuration(progress.nextPollMs)}` : ''}`,
      );
    },
  });
  const o = result.observation;
  const common = { polls: result.polls, elapsedMs: options.clock.now() - started };
  const failureReason =
    o.ours?.rolloutStateReason ?? follower.lastReason ?? 'The deployment failed.';
  return endOf(o.stand, {
    deploymentId,
    failureReason,
    common,
    history: () => serviceDeploymentStatus(ecs, cluster, service, deploymentId),
  });
}

/**
 * What following one rolling deployment remembers between reads: the service events printed,
 * the failed tasks reported, ECS's rollback once it starts, and the last stand announced.
 */
class RollingFollower {
  private readonly seenEvents = new Set<string>();
  private readonly stoppedTasks: StoppedTasks;
  private firstEvents = true;
  private failedSeen = 0;
  private rollbackId: string | undefined;
  private lastStand: RollingStand['kind'] | undefined;
  /** ECS drops a failed deployment once its rollback completes: what it said while it was there. */
  lastReason: string | undefined;
  /**
   * When the old tasks can stop at the earliest (ECS counts enough new tasks healthy) and when
   * that was learnt; undefined when nothing says; not read yet while the new tasks start.
   */
  private due: { at: number; since: number } | undefined | 'unread' = 'unread';

  constructor(private readonly options: FollowOptions) {
    const { ecs, cluster, logger } = options;
    this.stoppedTasks = options.stoppedTasks ?? new StoppedTasks({ ecs, cluster, logger });
  }

  async observe(): Promise<Observation> {
    const { ecs, cluster, service, deploymentId } = this.options;
    const current = await describeService(ecs, cluster, service);
    this.printNewEvents(current);
    const deployments = current.deployments ?? [];
    const ours = deployments.find((d) => d.id === deploymentId);
    if (ours?.rolloutState === 'FAILED')
      this.lastReason = ours.rolloutStateReason ?? this.lastReason;
    const primary = deployments.find((d) => d.status === 'PRIMARY');
    const stand = await this.standOf(current);
    if (stand.kind === 'running') await this.options.analysis?.check();
    if (stand.kind === 'running' && ours !== undefined) await this.learnDue(current, ours);
    this.announce(stand);
    const failed = ours?.failedTasks ?? 0;
    if (failed > this.failedSeen) {
      this.failedSeen = failed;
      await this.stoppedTasks.report(deploymentId);
    }
    return { service: current, ours, primary, stand };
  }

  /**
   * The wait before the next read from ECS's grace for new tasks (see countedHealthyAfterMs), or
   * undefined when it does not apply. While the new tasks start, the end is at least the grace
   * away: reads back off from the deployment's start. Once they run, they land on the due time.
   */
  graceWait(ours: Deployment, now: number): number | undefined {
    const grace = this.options.countedHealthyAfterMs;
    if (grace === undefined) return undefined;
    if (!allRunning(ours)) {
      const since = ours.createdAt?.getTime() ?? now;
      return towardsDue(now + grace, since, now);
    }
    return typeof this.due === 'object' ? towardsDue(this.due.at, this.due.since, now) : undefined;
  }

  /**
   * Once every new task runs while old ones still do: when the minimum healthy percent lets the
   * old ones stop, from the new tasks' start times (ListTasks and DescribeTasks, once).
   */
  private async learnDue(current: Service, ours: Deployment): Promise<void> {
    const grace = this.options.countedHealthyAfterMs;
    if (grace === undefined || this.due !== 'unread') return;
    if (!allRunning(ours) || (ours.pendingCount ?? 0) > 0) return;
    const { ecs, cluster, deploymentId, logger, clock } = this.options;
    this.due = undefined;
    const oldRunning = (current.deployments ?? []).some(
      (d) => d.id !== ours.id && (d.runningCount ?? 0) > 0,
    );
    const minimumHealthy = Math.ceil(
      ((ours.desiredCount ?? 0) * (current.deploymentConfiguration?.minimumHealthyPercent ?? 100)) /
        100,
    );
    if (!oldRunning || minimumHealthy === 0) return;
    try {
      const starts = await runningTaskStarts(ecs, cluster, deploymentId);
      const counted = starts[Math.min(minimumHealthy, starts.length) - 1];
      if (counted === undefined) return;
      this.due = { at: counted + grace + EXIT_ALLOWANCE_MS, since: clock.now() };
      logger.info(
        `No load balancer and no container health check: ECS counts a new task healthy ${formatDuration(grace)} after it runs, so the old tasks stop from ${new Date(counted + grace).toISOString()}; reading then.`,
      );
    } catch (error) {
      logger.debug(
        `Could not read when the new tasks started (${awsErrorCode(error) ?? 'error'}); reading often until the end.`,
      );
    }
  }

  /** Events from before this deployment are history: only those that come after are printed. */
  private printNewEvents(current: Service): void {
    for (const event of [...(current.events ?? [])].reverse()) {
      if (event.id === undefined || this.seenEvents.has(event.id)) continue;
      this.seenEvents.add(event.id);
      if (!this.firstEvents) this.options.logger.info(`event: ${event.message ?? ''}`);
    }
    this.firstEvents = false;
  }

  /** Where our deployment stands, remembering ECS's rollback once it starts. */
  private async standOf(current: Service): Promise<RollingStand> {
    const { ecs, cluster, service, deploymentId } = this.options;
    const breaker = current.deploymentConfiguration?.deploymentCircuitBreaker;
    const stand = rollingStand(current.deployments ?? [], {
      deploymentId,
      rollbackId: this.rollbackId,
      breakerRollback: breaker?.enable === true && breaker.rollback === true,
      rollbackTarget: this.options.rollbackTarget,
    });
    if (
      stand.kind === 'rolling-back' ||
      stand.kind === 'rolled-back' ||
      stand.kind === 'rollback-failed'
    )
      this.rollbackId = stand.rollback.id;
    if (stand.kind !== 'awaiting-rollback') return stand;
    // The breaker tripped; its rollback starts a moment later, if ECS has one to start.
    const history = await serviceDeploymentStatus(ecs, cluster, service, deploymentId);
    return history?.status === 'ROLLBACK_REQUESTED' || history?.status === 'ROLLBACK_IN_PROGRESS'
      ? stand
      : { kind: 'failed', deployment: stand.deployment };
  }

  /** Says so when someone else's deployment takes over, or ECS starts rolling back. */
  private announce(stand: RollingStand): void {
    const { cluster, service, deploymentId, logger } = this.options;
    if (stand.kind !== this.lastStand && this.lastStand !== undefined) {
      if (stand.kind === 'replaced')
        logger.warning(
          `Deployment ${stand.by.id} (${stand.by.taskDefinition ?? '?'}) replaced ${this.rollbackId ?? deploymentId}: someone else deployed to ${cluster}/${service}.`,
        );
      if (stand.kind === 'rolling-back')
        logger.warning(
          `ECS's circuit breaker is rolling ${cluster}/${service} back with deployment ${stand.rollback.id} (${stand.rollback.taskDefinition ?? '?'}); following it to its end.`,
        );
    }
    this.lastStand = stand.kind;
  }
}

/** Turns the final stand into an outcome; a deployment gone from the list is judged by its history. */
async function endOf(
  stand: RollingStand,
  context: {
    deploymentId: string;
    failureReason: string;
    common: Pick<RollingOutcome, 'polls' | 'elapsedMs'>;
    history: () => Promise<{ status: string; statusReason: string | undefined } | undefined>;
  },
): Promise<RollingOutcome> {
  const { deploymentId, failureReason, common } = context;
  const serving = (d: Deployment | undefined) => ({
    servingDeploymentId: d?.id,
    servingTaskDefinition: d?.taskDefinition,
  });
  switch (stand.kind) {
    case 'completed':
      return {
        status: 'COMPLETED',
        reason: stand.deployment.rolloutStateReason ?? 'completed',
        rolledBackByEcs: false,
        ...serving(stand.deployment),
        ...common,
      };
    case 'failed':
    case 'awaiting-rollback':
      return {
        status: 'FAILED',
        reason: stand.deployment.rolloutStateReason ?? failureReason,
        rolledBackByEcs: false,
        ...serving(undefined),
        ...common,
      };
    case 'rolled-back':
    case 'rolling-back':
      return {
        status: 'FAILED',
        reason: failureReason,
        rolledBackByEcs: stand.kind === 'rolled-back',
        ...serving(stand.rollback),
        ...common,
      };
    case 'rollback-failed':
      return {
        status: 'ROLLBACK_FAILED',
        reason: `${failureReason} ECS's circuit breaker rolled back with deployment ${stand.rollback.id} (${stand.rollback.taskDefinition ?? '?'}), and that failed too: ${stand.rollback.rolloutStateReason ?? 'its tasks failed to start'}`,
        rolledBackByEcs: false,
        ...serving(stand.rollback),
        ...common,
      };
    case 'replaced': {
      return {
        status: 'REPLACED',
        reason: replacedReason(deploymentId, stand.by),
        rolledBackByEcs: false,
        ...serving(stand.by),
        ...common,
      };
    }
    case 'gone':
    case 'running': {
      const primary = stand.kind === 'gone' ? stand.primary : undefined;
      const history = await context.history();
      if (history?.status === 'SUCCESSFUL')
        return {
          status: 'COMPLETED',
          reason: 'completed',
          rolledBackByEcs: false,
          ...serving(primary),
          ...common,
        };
      if (history?.status === 'ROLLBACK_SUCCESSFUL' || history?.status === 'ROLLBACK_FAILED')
        return {
          status: history.status === 'ROLLBACK_SUCCESSFUL' ? 'FAILED' : 'ROLLBACK_FAILED',
          reason: history.statusReason ?? failureReason,
          rolledBackByEcs: history.status === 'ROLLBACK_SUCCESSFUL',
          ...serving(primary),
          ...common,
        };
      return {
        status: 'REPLACED',
        reason: replacedReason(deploymentId, primary),
        rolledBackByEcs: false,
        ...serving(primary),
        ...common,
      };
    }
  }
}

/** The service deployment (ECS's history) of a deployment id, when ECS keeps one. */
export async function serviceDeploymentStatus(
  ecs: Ecs,
  cluster: string,
  service: string,
  deploymentId: string,
): Promise<{ status: string; statusReason: string | undefined } | undefined> {
  const number = deploymentId.split('/').at(-1) ?? deploymentId;
  try {
    const listed = await ecs.send(new ListServiceDeploymentsCommand({ cluster, service }));
    const found = listed.serviceDeployments?.find(
      (d) => d.serviceDeploymentArn?.endsWith(`/${number}`) === true,
    );
    return found?.status === undefined
      ? undefined
      : { status: found.status, statusReason: found.statusReason };
  } catch {
    // Older endpoints lack the deployment history: the caller falls back to what it saw.
    return undefined;
  }
}

/**
 * UpdateService sent at most once in effect: when its answer is lost, the service is read and a
 * PRIMARY deployment of the task definition created since the call is taken as ours (a second
 * UpdateService with forceNewDeployment would start a second deployment).
 */
export async function updateServiceOnce(
  ecs: Ecs,
  input: UpdateServiceCommandInput & { cluster: string; service: string },
  timing: Pick<FollowOptions, 'logger' | 'sleep' | 'signal'>,
): Promise<Service> {
  // Compared with createdAt, which AWS stamps with its own (wall) clock.
  const sentAt = Date.now() - 2000;
  return sendOnce({
    what: `UpdateService of ${input.cluster}/${input.service}`,
    send: async () => (await ecs.send(new UpdateServiceCommand(input))).service ?? {},
    findOwn: async () => {
      const service = await describeService(ecs, input.cluster, input.service);
      const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
      const ours =
        primary !== undefined &&
        (primary.createdAt?.getTime() ?? 0) >= sentAt &&
        (input.taskDefinition === undefined || primary.taskDefinition === input.taskDefinition);
      return ours ? service : undefined;
    },
    logger: timing.logger,
    sleep: timing.sleep,
    ...(timing.signal === undefined ? {} : { signal: timing.signal }),
  });
}

/**
 * One look at a completed rolling deployment during its bake: still the service's PRIMARY (else
 * replaced), no task of it stopped since the last look, and as many tasks running as desired
 * (twice short in a row is a failure: one look can fall between a stop and its replacement).
 */
export function rollingBakeLook(options: {
  ecs: Ecs;
  cluster: string;
  service: string;
  deploymentId: string;
  stoppedTasks: StoppedTasks;
}): () => Promise<BakeVerdict> {
  const { ecs, cluster, service, deploymentId, stoppedTasks } = options;
  const watch = new TaskWatch();
  return async () => {
    const current = await describeService(ecs, cluster, service);
    const primary = current.deployments?.find((d) => d.status === 'PRIMARY');
    if (primary !== undefined && primary.id !== deploymentId)
      return {
        kind: 'replaced',
        reason: `During the bake: ${replacedReason(deploymentId, primary)}`,
      };
    const stopped = await stoppedTasks.report(deploymentId);
    return watch.judge(stopped, primary?.runningCount ?? 0, primary?.desiredCount ?? 0);
  };
}
