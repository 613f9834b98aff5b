// The one UpdateService a rolling, recreate or ECS-native deployment starts with: the change
// recorded on the service first (for ecs-rollback in a later run), then sent at most once in effect.
import type { DeploymentConfiguration, ECSClient, Service } from '@aws-sdk/client-ecs';
import { updateServiceOnce } from '../../core/deploy/ecs-rolling.js';
import { recordChange } from '../../core/rollback/history.js';
import type { Context } from './contract.js';
import type { DeployInputs } from './inputs.js';
import type { DeployPlan } from './plan.js';

export async function startUpdate(
  plan: DeployPlan,
  inputs: DeployInputs,
  ecs: Pick<ECSClient, 'send'>,
  context: Context,
  deploymentConfiguration: DeploymentConfiguration | undefined,
): Promise<Service> {
  if (plan.settings.forceReason !== undefined && !inputs.forceNewDeployment)
    context.logger.info(`${plan.settings.forceReason}: UpdateService asks for one.`);
  if (plan.taskDefinition !== undefined && plan.previousTaskDefinition !== undefined)
    await recordChange(
      ecs,
      plan.serviceArn,
      { kind: 'deploy', from: plan.previousTaskDefinition, to: plan.taskDefinition },
      context.logger,
    );
  const updated = await updateServiceOnce(
    ecs,
    {
      cluster: plan.cluster,
      service: plan.service,
      ...(plan.taskDefinition === undefined ? {} : { taskDefinition: plan.taskDefinition }),
      ...(plan.desiredCount === undefined ? {} : { desiredCount: plan.desiredCount }),
      ...plan.settings.update,
      ...(deploymentConfiguration === undefined ? {} : { deploymentConfiguration }),
      ...(plan.forceNewDeployment ? { forceNewDeployment: true } : {}),
    },
    context,
  );
  context.outputs.set(
    'task-definition-arn',
    plan.taskDefinition ?? plan.previousTaskDefinition ?? '',
  );
  return updated;
}
