import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ConfigurationError } from '../../core/action/errors.js';
import { type AwsIdentityInputs } from './inputs.js';
import { type AwsIdentityPlan, type CallerIdentity, identityProblem } from './plan.js';
import type { Context } from './contract.js';

export async function execute(
  plan: AwsIdentityPlan,
  inputs: AwsIdentityInputs,
  context: Context,
): Promise<CallerIdentity> {
  const sts = context.clients.get(STSClient, 'sts', { region: plan.region });
  const response = await sts.send(new GetCallerIdentityCommand({}));
  const identity: CallerIdentity = {
    account: response.Account ?? '',
    arn: response.Arn ?? '',
    userId: response.UserId ?? '',
  };
  context.logger.info(
    `Credentials belong to ${identity.arn} in account ${identity.account} (${plan.region}).`,
  );
  context.outputs.set('account-id', identity.account);
  context.outputs.set('arn', identity.arn);
  context.outputs.set('user-id', identity.userId);
  const problem = identityProblem(identity, inputs);
  context.summary
    .heading('AWS identity')
    .table(
      ['Account', 'Caller', 'Region', 'Check'],
      [
        [
          identity.account,
          identity.arn,
          plan.region,
          problem === undefined ? 'passed' : `failed: ${problem}`,
        ],
      ],
    );
  if (problem !== undefined) {
    throw new ConfigurationError(problem, {
      hint: 'Check which role configure-aws-credentials assumed for this environment.',
    });
  }
  return identity;
}
