// The checks themselves (the IAM client, the simulator, the reports): loaded by action.ts.
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { execute } from './execute.js';
import type { Clients } from './observe.js';
import type { IamCheckInputs } from './inputs.js';
import type { IamCheckPlan } from './plan.js';
import type { Context } from './contract.js';

function clients(inputs: IamCheckInputs, context: Context): Clients {
  const at = { region: inputs.region };
  return {
    iam: context.clients.get(IAMClient, 'iam', at),
    simulator: context.clients.get(IAMClient, 'iam', { ...at, maxAttempts: 2 }),
    sts: context.clients.get(STSClient, 'sts', at),
  };
}

export async function run(plan: IamCheckPlan, inputs: IamCheckInputs, context: Context) {
  await execute(plan, inputs, clients(inputs, context), context);
}
