import { ECSClient } from '@aws-sdk/client-ecs';
import type { ActionSpec } from '../../core/action/run.js';
import { execute } from './execute.js';
import { observeAndPlan } from './observe.js';
import { type TaskDefinitionInputs, readInputs } from './inputs.js';
import type { TaskDefinitionPlan } from './plan.js';
import type { Context, Input, Output } from './contract.js';

function ecsClient(inputs: TaskDefinitionInputs, context: Context): ECSClient {
  return context.clients.get(ECSClient, 'ecs', { region: inputs.region });
}

export const ecsTaskDefinition: ActionSpec<
  TaskDefinitionInputs,
  TaskDefinitionPlan,
  Input,
  Output
> = {
  name: 'ecs-task-definition',
  readInputs,
  plan: (inputs, context) => observeAndPlan(inputs, ecsClient(inputs, context)),
  execute: async (plan, inputs, context) => {
    await execute(plan, inputs, context, ecsClient(inputs, context));
  },
};
