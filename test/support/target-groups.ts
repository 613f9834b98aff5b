import {
  CreateTargetGroupCommand,
  type ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';

/**
 * The load balancer's timing of the fixtures' target groups, which the test bed follows as AWS
 * does: a task is healthy 5 s x 3 checks after it runs (the 15 s of a task without a load
 * balancer), and a stop does not drain it (it exits in the test bed's stopSeconds, as one without
 * a load balancer does). A drain makes followers wait it out in wall time, longer than the
 * scaled deployment itself: the benchmarks set one at time scale 1.
 */
export const TARGET_GROUP_TIMING = { intervalSeconds: 5, healthyThreshold: 3, drainSeconds: 0 };

/** An HTTP target group of ip targets on port 8080, with the fixtures' timing. */
export async function createTargetGroup(
  elbv2: Pick<ElasticLoadBalancingV2Client, 'send'>,
  name: string,
  vpcId: string,
  timing: Partial<typeof TARGET_GROUP_TIMING> = {},
): Promise<TargetGroup> {
  const { intervalSeconds, healthyThreshold, drainSeconds } = { ...TARGET_GROUP_TIMING, ...timing };
  const group = (
    await elbv2.send(
      new CreateTargetGroupCommand({
        Name: name.slice(-32),
        Protocol: 'HTTP',
        Port: 8080,
        VpcId: vpcId,
        TargetType: 'ip',
        HealthCheckIntervalSeconds: intervalSeconds,
        HealthCheckTimeoutSeconds: Math.min(5, intervalSeconds - 1),
        HealthyThresholdCount: healthyThreshold,
      }),
    )
  ).TargetGroups?.[0];
  if (group?.TargetGroupArn === undefined) throw new Error(`no target group ${name} created`);
  await elbv2.send(
    new ModifyTargetGroupAttributesCommand({
      TargetGroupArn: group.TargetGroupArn,
      Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: String(drainSeconds) }],
    }),
  );
  return group;
}
