import { STSClient } from '@aws-sdk/client-sts';
import type { ActionSpec } from '../../core/action/run.js';
import { observeAndPlan } from './observe.js';
import { type IamCheckInputs, readInputs } from './inputs.js';
import type { IamCheckPlan } from './plan.js';
import type { Input, Output } from './contract.js';

export const iamCheck: ActionSpec<IamCheckInputs, IamCheckPlan, Input, Output> = {
  name: 'iam-check',
  readInputs,
  plan: (inputs, context) => {
    const sts = context.clients.get(STSClient, 'sts', { region: inputs.region });
    // The caller's identity is read first; the IAM client and the checks load when they run.
    return observeAndPlan(inputs, sts);
  },
  execute: async (plan, inputs, context) => {
    const { run } = await import('./work.js');
    await run(plan, inputs, context);
  },
};
