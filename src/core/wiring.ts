import type { Wiring } from './action/run.js';
import { awsClients } from './aws/clients.js';

/**
 * What every action's main.ts plugs into runAction: AWS clients from the one factory that
 * honours AWS_ENDPOINT_URL and the region, and the IAM pre-flight. core/action stays below both.
 * The pre-flight (the IAM catalogue, the IAM and STS clients) loads only when a step asks for it.
 */
export const awsWiring: Wiring = {
  clients: (action, env) => awsClients(action, env),
  preflight: async (permissions, mode, context, region) => {
    if (mode === 'off') return;
    const { defaultPreflight } = await import('./iam/preflight.js');
    await defaultPreflight(permissions, mode, context, region);
  },
};
