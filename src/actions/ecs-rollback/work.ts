// Everything but the step's first read: loaded by action.ts while that read is out.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ECSClient, type Service } from '@aws-sdk/client-ecs';
import { StoppedTasks } from '../../core/deploy/stopped-tasks.js';
import { execute } from './execute.js';
import { observeAndPlan } from './observe.js';
import type { RollbackInputs } from './inputs.js';
import type { RollbackPlan } from './plan.js';
import type { Context } from './contract.js';

function clients(region: string, context: Context) {
  const at = { region };
  return {
    ecs: context.clients.get(ECSClient, 'ecs', at),
    codedeploy: context.clients.get(CodeDeployClient, 'codedeploy', at),
    logs: context.clients.get(CloudWatchLogsClient, 'logs', at),
  };
}

export function plan(
  inputs: RollbackInputs,
  context: Context,
  service: Service,
): Promise<RollbackPlan> {
  const { ecs, codedeploy } = clients(inputs.region, context);
  return observeAndPlan(inputs, ecs, codedeploy, service);
}

export function run(plan: RollbackPlan, inputs: RollbackInputs, context: Context): Promise<void> {
  const { ecs, codedeploy } = clients(inputs.region, context);
  const stoppedTasks = new StoppedTasks({ ecs, cluster: plan.cluster, logger: context.logger });
  return execute(plan, inputs, ecs, codedeploy, context, stoppedTasks);
}
