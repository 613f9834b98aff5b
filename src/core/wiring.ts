import type { Wiring } from './action/run.js';
import { awsClients } from './aws/clients.js';
import { defaultPreflight } from './iam/preflight.js';

/**
 * What every action's main.ts plugs into runAction: AWS clients from the one factory that
 * honours AWS_ENDPOINT_URL and the region, and the IAM pre-flight. core/action stays below both.
 */
export const awsWiring: Wiring = {
  clients: (action, env) => awsClients(action, env),
  preflight: defaultPreflight,
};
