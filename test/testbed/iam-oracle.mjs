// The test bed's IAM decisions, by @cloud-copilot/iam-simulate (AGPL-3.0: used here, in the test
// bed, never in a bundle). One JSON request per line on stdin, one JSON answer per line on stdout:
//   {"principal", "action", "resource", "account", "context", "identity": [doc], "boundary": doc|null}
//   -> {"decision": "Allow" | "ExplicitDeny" | "ImplicitDeny"} or {"error": "..."}
import { createInterface } from 'node:readline';
import { runSimulation } from '@cloud-copilot/iam-simulate';

const DECISIONS = {
  Allowed: 'Allow',
  ExplicitlyDenied: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny',
};

async function decide(request) {
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.account },
        contextVariables: request.context ?? {},
      },
      identityPolicies: request.identity.map((policy, n) => ({ name: `identity${n}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(request.boundary == null
        ? {}
        : { permissionBoundaryPolicies: [{ name: 'boundary', policy: request.boundary }] }),
    },
    {},
  );
  if (result.resultType === 'error') return { error: JSON.stringify(result.errors).slice(0, 500) };
  return { decision: DECISIONS[result.overallResult] ?? `unknown ${result.overallResult}` };
}

// Answers go out in the order the requests came in: the caller waits for each one.
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  let answer;
  try {
    answer = await decide(JSON.parse(line));
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
