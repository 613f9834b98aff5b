import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import type { ActionSpec } from '../../core/action/run.js';
import { execute } from './execute.js';
import { type Clients, observeAndPlan } from './observe.js';
import { type IamCheckInputs, readInputs } from './inputs.js';
import type { IamCheckPlan } from './plan.js';
import type { Context, Input, Output } from './contract.js';

function clients(inputs: IamCheckInputs, context: Context): Clients {
  const at = { region: inputs.region };
  return {
    iam: context.clients.get(IAMClient, 'iam', at),
    simulator: context.clients.get(IAMClient, 'iam', { ...at, maxAttempts: 2 }),
    sts: context.clients.get(STSClient, 'sts', at),
  };
}

export const iamCheck: ActionSpec<IamCheckInputs, IamCheckPlan, Input, Output> = {
  name: 'iam-check',
  readInputs,
  plan: (inputs, context) => observeAndPlan(inputs, clients(inputs, context)),
  execute: async (plan, inputs, context) => {
    await execute(plan, inputs, clients(inputs, context), context);
  },
};
