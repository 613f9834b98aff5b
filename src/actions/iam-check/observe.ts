// Observe: the AWS reads iam-check needs, then its pure plan (plan.ts).
import type { IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { type IamCheckInputs } from './inputs.js';
import { type IamCheckPlan, planCheck } from './plan.js';

export async function observeAndPlan(
  inputs: IamCheckInputs,
  clients: Clients,
): Promise<IamCheckPlan> {
  const account =
    inputs.run?.account ??
    (await clients.sts.send(new GetCallerIdentityCommand({}))).Account ??
    '*';
  return planCheck(inputs, account);
}

export interface Clients {
  iam: Pick<IAMClient, 'send'>;
  simulator: Pick<IAMClient, 'send'>;
  sts: Pick<STSClient, 'send'>;
}
