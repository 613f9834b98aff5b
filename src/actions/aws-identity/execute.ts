import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ConfigurationError } from '../../core/action/errors.js';
import type { ActionContext } from '../../core/action/run.js';
import { createClient } from '../../core/aws/clients.js';
import type { AwsIdentityPlan } from './plan.js';

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export async function execute(plan: AwsIdentityPlan, context: ActionContext): Promise<CallerIdentity> {
  const sts = createClient(STSClient, 'sts', { region: plan.region, action: context.action, env: context.env });
  const response = await sts.send(new GetCallerIdentityCommand({}));
  const identity: CallerIdentity = {
    account: response.Account ?? '',
    arn: response.Arn ?? '',
    userId: response.UserId ?? '',
  };
  context.logger.info(`Credentials belong to ${identity.arn} in account ${identity.account} (${plan.region}).`);
  context.outputs.set('account-id', identity.account);
  context.outputs.set('arn', identity.arn);
  context.outputs.set('user-id', identity.userId);
  context.summary
    .heading('AWS identity')
    .table(['Account', 'ARN', 'Region'], [[identity.account, identity.arn, plan.region]]);
  if (plan.expectedAccountId !== undefined && plan.expectedAccountId !== identity.account) {
    throw new ConfigurationError(
      `The credentials belong to account ${identity.account}, not ${plan.expectedAccountId} as 'expected-account-id' says.`,
      {
        input: 'expected-account-id',
        hint: 'Check which role configure-aws-credentials assumed for this environment.',
      },
    );
  }
  return identity;
}
