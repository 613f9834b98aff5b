import type { ECSClient } from '@aws-sdk/client-ecs';
import { RollbackError } from '../action/errors.js';
import {
  type FollowOptions,
  type RollingOutcome,
  describeService,
  followRollingDeployment,
  updateServiceOnce,
} from '../deploy/ecs-rolling.js';

export interface RollbackRequest extends Omit<FollowOptions, 'deploymentId'> {
  ecs: Pick<ECSClient, 'send'>;
  /** The task definition to return to (the previous good one). */
  taskDefinition: string;
  /** Follow the rollback to its end (false: only start it, e.g. in a post step with seconds left). */
  wait: boolean;
}

/**
 * Rolls an ECS-controller service back to a task definition. Running it twice is safe: when the
 * service already runs that task definition with a completed deployment, nothing is changed.
 */
export async function rollBackService(
  request: RollbackRequest,
): Promise<RollingOutcome | undefined> {
  const { ecs, cluster, service, taskDefinition, logger } = request;
  const current = await describeService(ecs, cluster, service);
  const primary = current.deployments?.find((d) => d.status === 'PRIMARY');
  if (
    primary?.taskDefinition === taskDefinition &&
    (current.deployments?.length ?? 0) === 1 &&
    primary.rolloutState === 'COMPLETED'
  ) {
    logger.info(`${cluster}/${service} already runs ${taskDefinition}: nothing to roll back.`);
    return undefined;
  }
  logger.info(`Rolling ${cluster}/${service} back to ${taskDefinition}.`);
  const updated = await updateServiceOnce(ecs, { cluster, service, taskDefinition }, request);
  const deploymentId = updated.deployments?.find((d) => d.status === 'PRIMARY')?.id;
  if (deploymentId === undefined || !request.wait) return undefined;
  const outcome = await followRollingDeployment({ ...request, deploymentId });
  if (outcome.status !== 'COMPLETED') {
    throw new RollbackError(
      `Rolling ${cluster}/${service} back to ${taskDefinition} did not complete: ${outcome.reason}`,
    );
  }
  return outcome;
}
