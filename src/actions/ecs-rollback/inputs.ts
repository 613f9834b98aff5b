import { ConfigurationError } from '../../core/action/errors.js';
import { resolveRegion } from '../../core/aws/region.js';
import { defaultCodeDeployNames } from '../../core/deploy/codedeploy-config.js';
import type { Context, Reader } from './contract.js';

export interface RollbackInputs {
  region: string;
  cluster: string;
  service: string;
  /**
   * What to roll back to: undefined for the previous good revision, a revision number of the
   * service's family, family:revision, or an ARN.
   */
  to: string | undefined;
  application: string;
  deploymentGroup: string;
  /** The CodeDeploy config of a rollback deployment (all at once by default: the way back is fast). */
  deploymentConfig: string;
  wait: boolean;
  timeoutMs: number;
  /** Why, for the log and the job summary (e.g. the incident). */
  reason: string | undefined;
}

const TARGET =
  /^(\d+|[a-zA-Z0-9_-]{1,255}:\d+|arn:[\w-]+:ecs:[a-z0-9-]+:\d{12}:task-definition\/[a-zA-Z0-9_-]{1,255}:\d+)$/;

export function readInputs(reader: Reader, context: Pick<Context, 'env'>): RollbackInputs {
  const cluster = reader.optional('cluster') ?? 'default';
  const service = reader.required('service');
  const to = reader.optional('to');
  if (to !== undefined && to !== 'previous' && !TARGET.test(to)) {
    throw new ConfigurationError(
      `Input 'to' must be 'previous', a revision number, family:revision or a task definition ARN, got '${to}'.`,
      { input: 'to' },
    );
  }
  return {
    region: resolveRegion(reader.optional('aws-region'), context.env),
    cluster,
    service,
    to: to === 'previous' ? undefined : to,
    application:
      reader.optional('codedeploy-application') ??
      defaultCodeDeployNames(cluster, service).application,
    deploymentGroup:
      reader.optional('codedeploy-deployment-group') ??
      defaultCodeDeployNames(cluster, service).deploymentGroup,
    deploymentConfig: reader.optional('deployment-config') ?? 'CodeDeployDefault.ECSAllAtOnce',
    wait: reader.boolean('wait', true),
    timeoutMs: reader.duration('timeout', {
      default: 30 * 60_000,
      min: 60_000,
      max: 6 * 3_600_000,
    }),
    reason: reader.optional('reason'),
  };
}
