import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ECSClient } from '@aws-sdk/client-ecs';
import type { ActionSpec } from '../../core/action/run.js';
import { StoppedTasks } from '../../core/deploy/stopped-tasks.js';
import { execute } from './execute.js';
import { observeAndPlan } from './observe.js';
import { type RollbackInputs, readInputs } from './inputs.js';
import type { RollbackPlan } from './plan.js';
import type { Context, Input, Output } from './contract.js';

function clients(region: string, context: Context) {
  const at = { region };
  return {
    ecs: context.clients.get(ECSClient, 'ecs', at),
    codedeploy: context.clients.get(CodeDeployClient, 'codedeploy', at),
    logs: context.clients.get(CloudWatchLogsClient, 'logs', at),
  };
}

export const ecsRollback: ActionSpec<RollbackInputs, RollbackPlan, Input, Output> = {
  name: 'ecs-rollback',
  readInputs,
  plan: (inputs, context) => {
    const { ecs, codedeploy } = clients(inputs.region, context);
    return observeAndPlan(inputs, ecs, codedeploy);
  },
  execute: (plan, inputs, context) => {
    const { ecs, codedeploy } = clients(inputs.region, context);
    const stoppedTasks = new StoppedTasks({ ecs, cluster: plan.cluster, logger: context.logger });
    return execute(plan, inputs, ecs, codedeploy, context, stoppedTasks);
  },
};
