import type { ECSClient } from '@aws-sdk/client-ecs';
import { RollbackError } from '../action/errors.js';
import {
  type FollowOptions,
  type RollingOutcome,
  followRollingDeployment,
  updateServiceOnce,
} from '../deploy/ecs-rolling.js';
import { describeService } from '../deploy/service.js';

export interface RollbackRequest extends Omit<FollowOptions, 'deploymentId'> {
  ecs: Pick<ECSClient, 'send'>;
  /** The task definition to return to (the previous good one). */
  taskDefinition: string;
  /** Follow the rollback to its end (false: only start it, e.g. in a post step with seconds left). */
  wait: boolean;
}

/** What a rollback did: nothing (already there), only started, or followed to its end. */
export type RollbackResult =
  | { kind: 'unchanged' }
  | { kind: 'started'; deploymentId: string }
  | { kind: 'followed'; deploymentId: string; outcome: RollingOutcome };

/**
 * Rolls an ECS-controller service back to a task definition. Running it twice is safe: when the
 * service already runs that task definition with a completed deployment, nothing is changed.
 * A followed rollback is only done when its outcome is COMPLETED: callers check (see
 * `requireCompleted`).
 */
export async function rollBackService(request: RollbackRequest): Promise<RollbackResult> {
  const { ecs, cluster, service, taskDefinition, logger } = request;
  const current = await describeService(ecs, cluster, service);
  const primary = current.deployments?.find((d) => d.status === 'PRIMARY');
  if (
    primary?.taskDefinition === taskDefinition &&
    (current.deployments?.length ?? 0) === 1 &&
    primary.rolloutState === 'COMPLETED'
  ) {
    logger.info(`${cluster}/${service} already runs ${taskDefinition}: nothing to roll back.`);
    return { kind: 'unchanged' };
  }
  logger.info(`Rolling ${cluster}/${service} back to ${taskDefinition}.`);
  const updated = await updateServiceOnce(ecs, { cluster, service, taskDefinition }, request);
  const deploymentId = updated.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
  if (deploymentId === '' || !request.wait) return { kind: 'started', deploymentId };
  const outcome = await followRollingDeployment({ ...request, deploymentId });
  return { kind: 'followed', deploymentId, outcome };
}

/** A followed rollback that did not complete is an error saying what serves now. */
export function requireCompleted(
  result: RollbackResult,
  where: { cluster: string; service: string; taskDefinition: string },
): void {
  if (result.kind !== 'followed' || result.outcome.status === 'COMPLETED') return;
  throw new RollbackError(
    `Rolling ${where.cluster}/${where.service} back to ${where.taskDefinition} did not complete (${result.outcome.status}): ${result.outcome.reason} Serving now: ${result.outcome.servingTaskDefinition ?? 'unknown'}.`,
  );
}
