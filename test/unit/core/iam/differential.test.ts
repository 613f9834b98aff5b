// Differential test: our evaluator (MIT, shipped in the bundles) against @cloud-copilot/iam-simulate
// (AGPL, a dev dependency only, never bundled) on generated policy/request pairs.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { type Decision, evaluate } from '../../../../src/core/iam/evaluate.js';
import type { PolicyDocument, Statement } from '../../../../src/core/iam/policy.js';

const ACCOUNT = '123456789012';
const CASES = 2500;

interface Request {
  action: string;
  resource: string;
  context: Record<string, string>;
}

const REQUESTS: Request[] = [
  {
    action: 'ecs:UpdateService',
    resource: `arn:aws:ecs:eu-west-1:${ACCOUNT}:service/prod/web`,
    context: { 'ecs:cluster': `arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/prod` },
  },
  {
    action: 'ecs:DescribeServices',
    resource: `arn:aws:ecs:eu-west-1:${ACCOUNT}:service/staging/api`,
    context: { 'ecs:cluster': `arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/staging` },
  },
  {
    action: 'ecr:PutImage',
    resource: `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/team/web`,
    context: {},
  },
  {
    action: 'ecr:BatchGetImage',
    resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/web`,
    context: {},
  },
  {
    action: 'iam:PassRole',
    resource: `arn:aws:iam::${ACCOUNT}:role/web-task`,
    context: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
  },
  {
    action: 'iam:PassRole',
    resource: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
    context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
  },
  {
    action: 'codedeploy:CreateDeployment',
    resource: `arn:aws:codedeploy:eu-west-1:${ACCOUNT}:deploymentgroup:AppECS-prod-web/DgpECS-prod-web`,
    context: {},
  },
  { action: 'ecs:RegisterTaskDefinition', resource: '*', context: {} },
];

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(
  random: () => number,
  request: Request,
): { identity: PolicyDocument[]; boundary: PolicyDocument | undefined } {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const [service = '', name = ''] = request.action.split(':');
  const actionPatterns = [
    request.action,
    `${service}:*`,
    `${service}:${name.slice(0, 4)}*`,
    '*',
    `${service}:Describe*`,
    'ecs:ListClusters',
    `${service}:*${name.slice(-4)}`,
  ];
  const resourcePatterns =
    request.resource === '*'
      ? ['*']
      : [
          request.resource,
          '*',
          `${request.resource.slice(0, request.resource.lastIndexOf('/') + 1)}*`,
          `${request.resource}-other`,
          'arn:aws:*',
          `arn:aws:${service}:*`,
        ];
  const conditions = (): Statement['Condition'] => {
    const roll = random();
    if (roll < 0.6) return undefined;
    const key = pick([
      ...Object.keys(request.context),
      'aws:RequestedRegion',
      'iam:PassedToService',
      'ecs:cluster',
    ]);
    const value = request.context[key];
    const candidates =
      value === undefined
        ? ['eu-west-1', 'ecs-tasks.amazonaws.com']
        : [value, `${value.slice(0, 6)}*`, 'something-else'];
    const operator = pick([
      'StringEquals',
      'StringLike',
      'StringNotEquals',
      'StringEqualsIfExists',
      'StringNotLike',
      'Null',
      'ForAnyValue:StringEquals',
    ]);
    const expected = operator === 'Null' ? pick(['true', 'false']) : pick(candidates);
    return { [operator]: { [key]: expected } };
  };
  const statement = (): Statement => {
    const s: Statement = { Effect: random() < 0.75 ? 'Allow' : 'Deny' };
    if (random() < 0.15) s.NotAction = pick(actionPatterns);
    else
      s.Action =
        random() < 0.3 ? [pick(actionPatterns), pick(actionPatterns)] : pick(actionPatterns);
    if (random() < 0.1 && request.resource !== '*')
      s.NotResource = pick(resourcePatterns.filter((r) => r !== '*'));
    else s.Resource = pick(resourcePatterns);
    const condition = conditions();
    if (condition !== undefined) s.Condition = condition;
    return s;
  };
  const policy = (): PolicyDocument => ({
    Version: '2012-10-17',
    Statement: Array.from({ length: 1 + Math.floor(random() * 3) }, statement),
  });
  return {
    identity: Array.from({ length: 1 + Math.floor(random() * 2) }, policy),
    boundary: random() < 0.25 ? policy() : undefined,
  };
}

const ORACLE: Record<string, Decision> = {
  Allowed: 'Allow',
  ExplicitlyDenied: 'ExplicitDeny',
  ImplicitlyDenied: 'ImplicitDeny',
};

describe('the evaluator against @cloud-copilot/iam-simulate (oracle), on generated policies', () => {
  it(`decides ${CASES} generated policy/request pairs as the oracle does`, async () => {
    const random = prng(20261122);
    const disagreements: string[] = [];
    let compared = 0;
    let skipped = 0;
    const decisions: Record<Decision, number> = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
    for (let i = 0; i < CASES; i++) {
      const request = REQUESTS[i % REQUESTS.length] as Request;
      const policies = generate(random, request);
      const ours = evaluate(policies, {
        action: request.action,
        resource: request.resource,
        context: request.context,
      }).decision;
      const result = await runSimulation(
        {
          request: {
            principal: `arn:aws:iam::${ACCOUNT}:role/deployer`,
            action: request.action,
            resource: { resource: request.resource, accountId: ACCOUNT },
            contextVariables: request.context,
          },
          identityPolicies: policies.identity.map((policy, n) => ({ name: `p${n}`, policy })),
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          ...(policies.boundary === undefined
            ? {}
            : { permissionBoundaryPolicies: [{ name: 'boundary', policy: policies.boundary }] }),
        },
        {},
      );
      if (result.resultType === 'error') {
        skipped += 1;
        continue;
      }
      compared += 1;
      const theirs = ORACLE[result.overallResult];
      decisions[ours] += 1;
      if (theirs !== ours)
        disagreements.push(
          `case ${i}: ours ${ours}, oracle ${String(theirs)}: ${JSON.stringify({ request, policies })}`,
        );
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
    // The generator must exercise every outcome, and nearly every case must reach the oracle.
    expect(compared).toBeGreaterThan(CASES * 0.95);
    expect(skipped).toBeLessThan(CASES * 0.05);
    expect(
      Math.min(decisions.Allow, decisions.ExplicitDeny, decisions.ImplicitDeny),
    ).toBeGreaterThan(CASES * 0.05);
  }, 120_000);
});
