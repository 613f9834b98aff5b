import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import type { ActionContext, ActionSpec } from '../../core/action/run.js';
import { TypedState } from '../../core/action/state.js';
import { createClient } from '../../core/aws/clients.js';
import { StoppedTasks } from '../../core/deploy/stopped-tasks.js';
import { Analysis } from '../../core/deploy/analysis.js';
import { executeCodeDeploy, postCodeDeploy } from './codedeploy.js';
import { type DeployState, execute, observeAndPlan, post } from './execute.js';
import { type DeployInputs, readInputs } from './inputs.js';
import type { DeployPlan } from './plan.js';

function ecsClient(region: string, context: ActionContext): ECSClient {
  return createClient(ECSClient, 'ecs', { region, action: context.action, env: context.env });
}

function codedeployClient(region: string, context: ActionContext): CodeDeployClient {
  return createClient(CodeDeployClient, 'codedeploy', {
    region,
    action: context.action,
    env: context.env,
  });
}

function cloudwatchClient(region: string, context: ActionContext): CloudWatchClient {
  return createClient(CloudWatchClient, 'cloudwatch', {
    region,
    action: context.action,
    env: context.env,
  });
}

export const ecsDeploy: ActionSpec<DeployInputs, DeployPlan> = {
  name: 'ecs-deploy',
  readInputs,
  plan: (inputs, context) =>
    observeAndPlan(
      inputs,
      ecsClient(inputs.region, context),
      codedeployClient(inputs.region, context),
      createClient(ECRClient, 'ecr', {
        region: inputs.region,
        action: context.action,
        env: context.env,
      }),
      cloudwatchClient(inputs.region, context),
    ),
  execute: (plan, inputs, context) => {
    const ecs = ecsClient(inputs.region, context);
    // Stopped tasks are reported with their containers' last log lines, where they log to CloudWatch.
    const stoppedTasks = new StoppedTasks({
      ecs,
      cluster: plan.cluster,
      logger: context.logger,
      sources: plan.logSources,
      logs: createClient(CloudWatchLogsClient, 'logs', {
        region: inputs.region,
        action: context.action,
        env: context.env,
      }),
    });
    const analysis = new Analysis(
      inputs.analysis,
      cloudwatchClient(inputs.region, context),
      context.clock,
      context.logger,
    );
    return plan.mode === 'codedeploy'
      ? executeCodeDeploy(
          plan,
          inputs,
          codedeployClient(inputs.region, context),
          context,
          stoppedTasks,
          analysis,
          ecs,
        )
      : execute(plan, inputs, ecs, context, stoppedTasks, analysis);
  },
  post: async (context) => {
    const state = new TypedState<DeployState>(context.state);
    const region = state.get('region');
    if (region === undefined) return;
    if (state.get('mode') === 'codedeploy')
      await postCodeDeploy(codedeployClient(region, context), context);
    else await post(ecsClient(region, context), context);
  },
};
