// Pieces every ecs-deploy plan (rolling, CodeDeploy, ECS-native) shares.
import type { Service, TaskDefinition } from '@aws-sdk/client-ecs';
import type { DeployRun, DeploySettingsRun } from '../../core/permissions/deploy.js';
import type { DeployInputs } from './inputs.js';
import { ConfigurationError } from '../../core/action/errors.js';
import { SETTING_INPUTS, type SettingsPlan } from './settings.js';

export const NO_SETTINGS: SettingsPlan = {
  update: {},
  appSpec: {},
  changes: [],
  forceReason: undefined,
};

/** What every deploy's permission contract takes from the inputs and the service. */
export function runOf(
  inputs: DeployInputs,
  account: string,
  serviceArn: string,
  clusterArn: string,
): Pick<DeployRun, 'region' | 'account' | 'serviceArn' | 'clusterArn' | 'alarms' | 'metrics'> {
  return {
    region: inputs.region,
    account,
    serviceArn,
    clusterArn,
    alarms: inputs.analysis.alarms,
    metrics: inputs.analysis.metrics.length > 0,
  };
}

/** The settings of this deploy that need permissions of their own (the contract lists them). */
export function settingsRun(inputs: DeployInputs): DeploySettingsRun {
  return {
    ebsRoleArn: inputs.settings.ebsVolume?.managedEBSVolume?.roleArn,
    capacityProviders: inputs.settings.capacityProviderStrategy !== undefined,
  };
}

/** The target groups a service's tasks register in (the alternate ones of ECS-native too). */
export function targetGroupsOf(service: Service): string[] {
  return (service.loadBalancers ?? []).flatMap((lb) =>
    [lb.targetGroupArn, lb.advancedConfiguration?.alternateTargetGroupArn].filter(
      (arn): arn is string => arn !== undefined && arn !== '',
    ),
  );
}

export function imagesOf(taskDefinition: TaskDefinition | undefined): string[] {
  return (taskDefinition?.containerDefinitions ?? [])
    .map((c) => c.image ?? '')
    .filter((image) => image !== '');
}

/** A continue step changes nothing but the deployment it continues: a setting given is refused. */
export function refuseSettingsInContinue(inputs: DeployInputs, made: 'created' | 'started'): void {
  const given = Object.entries(inputs.settings).find(([, value]) => value !== undefined);
  if (given === undefined) return;
  const input = SETTING_INPUTS[given[0] as keyof typeof SETTING_INPUTS];
  throw new ConfigurationError(
    `Input '${input}' cannot change anything in a continue step: the deployment was ${made} by the ready step.`,
    {
      input,
      hint: `Give it to the step that ${made === 'created' ? 'creates' : 'starts'} the deployment.`,
    },
  );
}
