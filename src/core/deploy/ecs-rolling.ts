import {
  type Deployment,
  DescribeServicesCommand,
  type ECSClient,
  ListServiceDeploymentsCommand,
  type Service,
  UpdateServiceCommand,
  type UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import { sendOnce } from '../aws/idempotent.js';
import { ConfigurationError } from '../action/errors.js';
import { formatDuration } from '../action/inputs.js';
import { poll } from '../aws/poller.js';
import { awsErrorCode } from '../aws/errors.js';
import { type BakeVerdict, TaskWatch } from './bake.js';
import type { FollowTiming } from './follow.js';
import { StoppedTasks } from './stopped-tasks.js';

type Ecs = Pick<ECSClient, 'send'>;

export async function describeService(
  ecs: Ecs,
  cluster: string,
  service: string,
): Promise<Service> {
  const response = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  const found = response.services?.[0];
  if (found === undefined || found.status === 'INACTIVE') {
    throw new ConfigurationError(
      `Service ${service} was not found in cluster ${cluster}${found === undefined ? '' : ' (it is INACTIVE)'}.`,
      {
        input: 'service',
        hint: 'Check the cluster and service names and the region.',
      },
    );
  }
  return found;
}

export interface RollingOutcome {
  status: 'COMPLETED' | 'FAILED' | 'REPLACED';
  reason: string;
  /** Whether ECS (the circuit breaker) rolled the service back on its own. */
  rolledBackByEcs: boolean;
  /** The deployment that serves when following ended. */
  servingDeploymentId: string | undefined;
  servingTaskDefinition: string | undefined;
  polls: number;
  elapsedMs: number;
}

interface Observation {
  service: Service;
  ours: Deployment | undefined;
  primary: Deployment | undefined;
}

export interface FollowOptions extends FollowTiming {
  ecs: Ecs;
  cluster: string;
  service: string;
  deploymentId: string;
  /** Reports the deployment's stopped tasks (default: reasons and exit codes, no logs). */
  stoppedTasks?: StoppedTasks;
}

/**
 * Follows one ECS rolling deployment by its id to its end: COMPLETED, FAILED (with whether the
 * circuit breaker rolled back, in which case the rollback is followed too), or replaced by a
 * newer deployment. Prints progress, new service events and the reasons of stopped tasks.
 */
export async function followRollingDeployment(options: FollowOptions): Promise<RollingOutcome> {
  const { ecs, cluster, service, deploymentId, logger } = options;
  const seenEvents = new Set<string>();
  const stoppedTasks = options.stoppedTasks ?? new StoppedTasks({ ecs, cluster, logger });
  let firstEvents = true;
  let failedSeen = 0;
  let rollbackId: string | undefined;
  // ECS drops a failed deployment once its rollback completes: keep what it said while it was there.
  let lastReason: string | undefined;

  const observe = async (): Promise<Observation> => {
    const current = await describeService(ecs, cluster, service);
    const events = [...(current.events ?? [])].reverse();
    for (const event of events) {
      if (event.id === undefined || seenEvents.has(event.id)) continue;
      seenEvents.add(event.id);
      // Events from before this deployment are history: only print those that come after.
      if (!firstEvents) logger.info(`event: ${event.message ?? ''}`);
    }
    firstEvents = false;
    const deployments = current.deployments ?? [];
    const ours = deployments.find((d) => d.id === deploymentId);
    if (ours?.rolloutState === 'FAILED') lastReason = ours.rolloutStateReason ?? lastReason;
    if (ours?.rolloutState === 'IN_PROGRESS') await options.analysis?.check();
    const primary = deployments.find((d) => d.status === 'PRIMARY');
    const failed = ours?.failedTasks ?? 0;
    if (failed > failedSeen) {
      failedSeen = failed;
      await stoppedTasks.report(deploymentId);
    }
    return { service: current, ours, primary };
  };

  const isDone = (o: Observation): boolean => {
    if (o.ours === undefined) return true;
    if (o.ours.rolloutState === 'COMPLETED') return true;
    if (o.ours.rolloutState === 'FAILED') {
      if (o.primary !== undefined && o.primary.id !== deploymentId) {
        rollbackId = o.primary.id;
        // ECS is rolling back: follow that to its end, so the step ends with traffic restored.
        return o.primary.rolloutState !== 'IN_PROGRESS';
      }
      return true;
    }
    return false;
  };

  const started = options.clock.now();
  const result = await poll<Observation>({
    read: observe,
    done: isDone,
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
    // Every new task runs: only the old ones' draining is left, so the end is near; read often.
    intervalHint: (o) =>
      o.ours?.rolloutState === 'IN_PROGRESS' &&
      (o.ours.runningCount ?? 0) >= (o.ours.desiredCount ?? 1)
        ? 0
        : undefined,
    minIntervalMs: options.minIntervalMs ?? 2000,
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
      const d = o.ours ?? o.primary;
      logger.info(
        `${formatDuration(progress.elapsedMs)}: ${o.ours === undefined ? 'our deployment is gone; serving ' : ''}${d?.id ?? '?'} ${d?.rolloutState ?? ''}, running ${d?.runningCount ?? 0}/${d?.desiredCount ?? 0}, pending ${d?.pendingCount ?? 0}, failed tasks ${d?.failedTasks ?? 0}${progress.nextPollMs > 0 ? `; next check in ${formatDuration(progress.nextPollMs)}` : ''}`,
      );
    },
  });
  const o = result.observation;
  const elapsedMs = options.clock.now() - started;
  const serving = o.primary;
  if (o.ours?.rolloutState === 'COMPLETED') {
    return {
      status: 'COMPLETED',
      reason: o.ours.rolloutStateReason ?? 'completed',
      rolledBackByEcs: false,
      servingDeploymentId: o.ours.id,
      servingTaskDefinition: o.ours.taskDefinition,
      polls: result.polls,
      elapsedMs,
    };
  }
  if (o.ours?.rolloutState === 'FAILED' || rollbackId !== undefined) {
    return {
      status: 'FAILED',
      reason: o.ours?.rolloutStateReason ?? lastReason ?? 'The deployment failed.',
      rolledBackByEcs: rollbackId !== undefined,
      servingDeploymentId: serving?.id,
      servingTaskDefinition: serving?.taskDefinition,
      polls: result.polls,
      elapsedMs,
    };
  }
  // Our deployment is gone from the service: its history says how it ended.
  const history = await serviceDeploymentStatus(ecs, cluster, service, deploymentId);
  if (history?.status === 'SUCCESSFUL') {
    return {
      status: 'COMPLETED',
      reason: 'completed',
      rolledBackByEcs: false,
      servingDeploymentId: serving?.id,
      servingTaskDefinition: serving?.taskDefinition,
      polls: result.polls,
      elapsedMs,
    };
  }
  if (
    history?.status === 'ROLLBACK_SUCCESSFUL' ||
    history?.status === 'ROLLBACK_FAILED' ||
    history?.status === 'ROLLBACK_IN_PROGRESS'
  ) {
    return {
      status: 'FAILED',
      reason: history.statusReason ?? 'The deployment failed and ECS rolled it back.',
      rolledBackByEcs: true,
      servingDeploymentId: serving?.id,
      servingTaskDefinition: serving?.taskDefinition,
      polls: result.polls,
      elapsedMs,
    };
  }
  return {
    status: 'REPLACED',
    reason: `Deployment ${deploymentId} was replaced by ${serving?.id ?? 'another deployment'} before it completed.`,
    rolledBackByEcs: false,
    servingDeploymentId: serving?.id,
    servingTaskDefinition: serving?.taskDefinition,
    polls: result.polls,
    elapsedMs,
  };
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
        reason: `Deployment ${primary.id ?? '?'} (${primary.taskDefinition ?? '?'}) replaced ${deploymentId} during the bake.`,
      };
    const stopped = await stoppedTasks.report(deploymentId);
    return watch.judge(stopped, primary?.runningCount ?? 0, primary?.desiredCount ?? 0);
  };
}
