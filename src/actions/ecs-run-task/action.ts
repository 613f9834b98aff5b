import { ECSClient } from '@aws-sdk/client-ecs';
import type { ActionSpec } from '../../core/action/run.js';
import { TypedState } from '../../core/action/state.js';
import type { RunTaskState } from './execute.js';
import { observeAndPlan } from './observe.js';
import { type RunTaskInputs, readInputs } from './inputs.js';
import type { RunTaskPlan } from './plan.js';
import type { Context, Input, Output } from './contract.js';

function ecsClient(region: string, context: Context): ECSClient {
  return context.clients.get(ECSClient, 'ecs', { region });
}

export const ecsRunTask: ActionSpec<RunTaskInputs, RunTaskPlan, Input, Output> = {
  name: 'ecs-run-task',
  readInputs,
  plan: (inputs, context) => observeAndPlan(inputs, ecsClient(inputs.region, context)),
  // The run and its log tail load after the plan's reads (their own chunk of the bundle).
  execute: async (plan, inputs, context) => {
    const [{ execute }, { CloudWatchLogsClient }] = await Promise.all([
      import('./execute.js'),
      import('@aws-sdk/client-cloudwatch-logs'),
    ]);
    await execute(
      plan,
      inputs,
      ecsClient(inputs.region, context),
      context.clients.get(CloudWatchLogsClient, 'logs', { region: inputs.region }),
      context,
    );
  },
  post: async (context) => {
    const region = new TypedState<RunTaskState>(context.state).get('region');
    if (region === undefined) return;
    const { post } = await import('./execute.js');
    await post(ecsClient(region, context), context);
  },
};
