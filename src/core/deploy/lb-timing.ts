// What a service's load balancer says about a deployment's timing: how long a new task takes to
// pass its health checks, and how long a stopping task drains. Followers time their reads by it:
// nothing can end while tasks drain, and the end comes when the drain is over.
import {
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  type ElasticLoadBalancingV2Client,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Logger } from '../action/logger.js';
import { awsErrorCode, errorMessage } from '../action/errors.js';
import { formatDuration } from '../util/time.js';
import type { LoadBalancerTiming } from './pace.js';

/**
 * The timing of the target groups (the longest of each), or undefined when there are none or
 * they cannot be read: following then reads at a steady pace near the end, as without them.
 */
export async function targetGroupTiming(
  elbv2: Pick<ElasticLoadBalancingV2Client, 'send'>,
  targetGroupArns: readonly string[],
  logger: Logger,
): Promise<LoadBalancerTiming | undefined> {
  const arns = [...new Set(targetGroupArns)].filter((arn) => arn !== '');
  if (arns.length === 0) return undefined;
  try {
    const groups =
      (await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: arns }))).TargetGroups ??
      [];
    const healthyMs = healthyMsOf(groups);
    let drainMs = 0;
    for (const arn of arns) {
      const attributes =
        (await elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn })))
          .Attributes ?? [];
      const delay = attributes.find((a) => a.Key === 'deregistration_delay.timeout_seconds');
      drainMs = Math.max(drainMs, Number(delay?.Value ?? 300) * 1000);
    }
    logger.info(
      `Load balancer timing: new tasks healthy about ${formatDuration(healthyMs)} after they run, stopping tasks drained for ${formatDuration(drainMs)}.`,
    );
    return { healthyMs, drainMs };
  } catch (error) {
    logger.warning(
      `Could not read the target groups' timing (${awsErrorCode(error) ?? errorMessage(error)}); following reads at a steady pace near the end instead. Grant elasticloadbalancing:DescribeTargetGroups and DescribeTargetGroupAttributes to time the reads by the load balancer.`,
    );
    return undefined;
  }
}

/**
 * How long a new task takes to pass the health checks of the named target groups (the longest
 * HealthCheckIntervalSeconds x HealthyThresholdCount), or undefined when they cannot be read. A
 * CodeDeploy deployment group names its pair of target groups; the new task set joins one.
 */
export async function targetGroupsHealthyMs(
  elbv2: Pick<ElasticLoadBalancingV2Client, 'send'>,
  names: readonly string[],
  logger: Logger,
): Promise<number | undefined> {
  if (names.length === 0) return undefined;
  try {
    const groups =
      (await elbv2.send(new DescribeTargetGroupsCommand({ Names: [...new Set(names)] })))
        .TargetGroups ?? [];
    if (groups.length === 0) return undefined;
    const healthyMs = healthyMsOf(groups);
    logger.info(
      `Load balancer timing: the new tasks pass the health checks about ${formatDuration(healthyMs)} after they run.`,
    );
    return healthyMs;
  } catch (error) {
    logger.warning(
      `Could not read the target groups' health checks (${awsErrorCode(error) ?? errorMessage(error)}); following reads at a steady pace once the new tasks run instead. Grant elasticloadbalancing:DescribeTargetGroups to time the reads by the load balancer.`,
    );
    return undefined;
  }
}

/** The longest HealthCheckIntervalSeconds x HealthyThresholdCount (ELB's defaults: 30 s x 5). */
function healthyMsOf(groups: readonly TargetGroup[]): number {
  return Math.max(
    0,
    ...groups.map(
      (g) => (g.HealthCheckIntervalSeconds ?? 30) * (g.HealthyThresholdCount ?? 5) * 1000,
    ),
  );
}
