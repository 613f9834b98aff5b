import { ECSClient } from '@aws-sdk/client-ecs';
import type { ActionSpec } from '../../core/action/run.js';
import { describeService } from '../../core/deploy/service.js';
import { type RollbackInputs, readInputs } from './inputs.js';
import type { RollbackPlan } from './plan.js';
import type { Input, Output } from './contract.js';

/** The rest of the step, in its own chunk of the bundle. */
const load = () => import('./work.js');

export const ecsRollback: ActionSpec<RollbackInputs, RollbackPlan, Input, Output> = {
  name: 'ecs-rollback',
  readInputs,
  plan: async (inputs, context) => {
    // The step's first read goes out before the rest of the step is loaded (compiling that
    // would hold the request back on the one thread); a missing service fails without it.
    const ecs = context.clients.get(ECSClient, 'ecs', { region: inputs.region });
    const service = await describeService(ecs, inputs.cluster, inputs.service);
    return (await load()).plan(inputs, context, service);
  },
  execute: async (plan, inputs, context) => {
    await (await load()).run(plan, inputs, context);
  },
};
