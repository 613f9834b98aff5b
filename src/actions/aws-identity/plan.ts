import type { ActionPlan } from '../../core/action/run.js';
import { type AwsIdentityInputs } from './inputs.js';

export interface AwsIdentityPlan extends ActionPlan {
  region: string;
}

export function plan(inputs: AwsIdentityInputs): AwsIdentityPlan {
  return {
    region: inputs.region,
    permissions: [
      {
        // GetCallerIdentity needs no permission, but listing it keeps the contract complete.
        action: 'sts:GetCallerIdentity',
        resource: '*',
        write: false,
        reason: 'find out who the credentials belong to',
      },
    ],
  };
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** Matches an ARN against a pattern with `*` (any run of characters) and `?` (one character). */
export function arnMatches(arn: string, pattern: string): boolean {
  const source = pattern
    .split('')
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`).test(arn);
}

/** Why this identity must not be used, or undefined when it passes every check. */
export function identityProblem(
  identity: CallerIdentity,
  inputs: AwsIdentityInputs,
): string | undefined {
  if (inputs.expectedAccountId !== undefined && inputs.expectedAccountId !== identity.account) {
    return `The credentials belong to account ${identity.account}, not ${inputs.expectedAccountId} as 'expected-account-id' says.`;
  }
  if (inputs.failOnRoot && /:root$/.test(identity.arn)) {
    return `The credentials are the root user of account ${identity.account}; deploy with a role instead (or set 'fail-on-root' to false).`;
  }
  if (
    inputs.allowedPrincipals.length > 0 &&
    !inputs.allowedPrincipals.some((p) => arnMatches(identity.arn, p))
  ) {
    return `The caller ${identity.arn} matches none of 'allowed-principals' (${inputs.allowedPrincipals.join(', ')}).`;
  }
  return undefined;
}
