// The CodeDeploy names ecs-deploy, ecs-rollback and iam-check agree on: the application and
// deployment group the AWS console creates for a service, and the deployment config a strategy
// uses. One home, so a plan and iam-check's view of the same run cannot drift.

import type { TrafficRoutingConfig } from '@aws-sdk/client-codedeploy';

/** The console's names for a service's CodeDeploy application and group; ARNs are cut to names. */
export function defaultCodeDeployNames(
  cluster: string,
  service: string,
): { application: string; deploymentGroup: string } {
  const clusterName = cluster.split('/').at(-1) ?? cluster;
  const serviceName = service.split('/').at(-1) ?? service;
  return {
    application: `AppECS-${clusterName}-${serviceName}`,
    deploymentGroup: `DgpECS-${clusterName}-${serviceName}`,
  };
}

/** A custom canary or linear config, created when its name does not exist yet. */
export interface CustomConfig {
  type: 'TimeBasedCanary' | 'TimeBasedLinear';
  percentage: number;
  interval: number;
}

/** A custom config as CodeDeploy's API spells it (CreateDeploymentConfig, GetDeploymentConfig). */
export function trafficRoutingConfig(custom: CustomConfig): TrafficRoutingConfig {
  return custom.type === 'TimeBasedCanary'
    ? {
        type: 'TimeBasedCanary',
        timeBasedCanary: { canaryPercentage: custom.percentage, canaryInterval: custom.interval },
      }
    : {
        type: 'TimeBasedLinear',
        timeBasedLinear: { linearPercentage: custom.percentage, linearInterval: custom.interval },
      };
}

/** The deployment config a strategy uses: named, a predefined one, or a custom one from a percentage and interval. */
export function deploymentConfigFor(inputs: {
  strategy: string;
  deploymentConfig: string | undefined;
  trafficPercentage: number | undefined;
  trafficIntervalMinutes: number | undefined;
}): {
  name: string;
  custom: CustomConfig | undefined;
} {
  if (inputs.deploymentConfig !== undefined)
    return { name: inputs.deploymentConfig, custom: undefined };
  if (inputs.strategy === 'blue-green')
    return { name: 'CodeDeployDefault.ECSAllAtOnce', custom: undefined };
  const canary = inputs.strategy === 'canary';
  if (inputs.trafficPercentage === undefined || inputs.trafficIntervalMinutes === undefined) {
    return {
      name: canary
        ? 'CodeDeployDefault.ECSCanary10Percent5Minutes'
        : 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
      custom: undefined,
    };
  }
  const p = inputs.trafficPercentage;
  const i = inputs.trafficIntervalMinutes;
  return {
    name: canary
      ? `EcsDelivery.Canary${p}Percent${i}Minutes`
      : `EcsDelivery.Linear${p}PercentEvery${i}Minutes`,
    custom: { type: canary ? 'TimeBasedCanary' : 'TimeBasedLinear', percentage: p, interval: i },
  };
}

/** The previous revision is deployed again (all at once) when the bake fails after the wait. */
export const BAKE_REDEPLOY_CONFIG = 'CodeDeployDefault.ECSAllAtOnce';
