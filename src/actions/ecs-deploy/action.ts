import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import type { ActionContext, ActionSpec } from '../../core/action/run.js';
import { TypedState } from '../../core/action/state.js';
import { createClient } from '../../core/aws/clients.js';
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
    ),
  execute: (plan, inputs, context) =>
    plan.mode === 'codedeploy'
      ? executeCodeDeploy(plan, inputs, codedeployClient(inputs.region, context), context)
      : execute(plan, inputs, ecsClient(inputs.region, context), context),
  post: async (context) => {
    const state = new TypedState<DeployState>(context.state);
    const region = state.get('region');
    if (region === undefined) return;
    if (state.get('mode') === 'codedeploy')
      await postCodeDeploy(codedeployClient(region, context), context);
    else await post(ecsClient(region, context), context);
  },
};
