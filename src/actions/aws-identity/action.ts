import type { ActionSpec } from '../../core/action/run.js';
import { execute } from './execute.js';
import { type AwsIdentityInputs, readInputs } from './inputs.js';
import { type AwsIdentityPlan, plan } from './plan.js';
import type { Input, Output } from './contract.js';

export const awsIdentity: ActionSpec<AwsIdentityInputs, AwsIdentityPlan, Input, Output> = {
  name: 'aws-identity',
  readInputs,
  plan: (inputs) => Promise.resolve(plan(inputs)),
  execute: async (actionPlan, inputs, context) => {
    await execute(actionPlan, inputs, context);
  },
};
