// Observe: the AWS reads iam-check needs, then its pure plan (plan.ts).
import type { IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { type IamCheckInputs } from './inputs.js';
import type { IamCheckPlan } from './plan.js';

/**
 * Reads the account (the caller's, unless the run names one), then plans. The plan (every
 * action's permission contract) loads while nothing else waits on it: after that first read.
 */
export async function observeAndPlan(
  inputs: IamCheckInputs,
  sts: Clients['sts'],
): Promise<IamCheckPlan> {
  const account =
    inputs.run?.account ?? (await sts.send(new GetCallerIdentityCommand({}))).Account ?? '*';
  const { planCheck } = await import('./plan.js');
  return planCheck(inputs, account);
}

export interface Clients {
  iam: Pick<IAMClient, 'send'>;
  simulator: Pick<IAMClient, 'send'>;
  sts: Pick<STSClient, 'send'>;
}
