import type { ActionPlan } from '../../core/action/run.js';
import type { AwsIdentityInputs } from './inputs.js';

export interface AwsIdentityPlan extends ActionPlan {
  region: string;
  expectedAccountId: string | undefined;
}

export function plan(inputs: AwsIdentityInputs): AwsIdentityPlan {
  return {
    region: inputs.region,
    expectedAccountId: inputs.expectedAccountId,
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
