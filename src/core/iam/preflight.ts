import { IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { ConfigurationError, errorMessage } from '../action/errors.js';
import type { Logger } from '../action/logger.js';
import type { ActionContext, Preflight } from '../action/run.js';
import { awsErrorCode } from '../action/errors.js';
import { type Decision, evaluate } from './evaluate.js';
import {
  type PreflightMode,
  type RequiredPermission,
  describePermission,
} from '../action/permissions.js';
import { type Principal, findCaller, principalPolicies } from './principal.js';

export interface Finding {
  permission: RequiredPermission;
  decision: Decision;
  reason: string;
}

export interface PreflightReport {
  principal: Principal;
  findings: Finding[];
  notes: string[];
}

/** The statement that would allow a permission, as a user would add it. */
export function allowingStatement(permission: RequiredPermission): string {
  const condition =
    permission.context === undefined
      ? ''
      : ` with a Condition ${Object.entries(permission.context)
          .map(
            ([key, value]) =>
              `StringEquals ${key} = ${Array.isArray(value) ? value.join(' | ') : value}`,
          )
          .join(' and ')}`;
  return `an Allow statement for ${permission.action} on ${permission.resource}${condition}`;
}

const SIMULATE_UNSUPPORTED = /NotImplemented|InvalidAction|UnknownOperation|UnsupportedOperation/i;

/**
 * Decides every permission of a plan for the caller: its identity policies and permissions
 * boundary evaluated here; SimulatePrincipalPolicy asked as a second opinion where the endpoint
 * has it (AWS does, and it sees SCPs).
 */
export async function checkPermissions(
  permissions: RequiredPermission[],
  clients: {
    iam: Pick<IAMClient, 'send'>;
    sts: Pick<STSClient, 'send'>;
    simulator?: Pick<IAMClient, 'send'>;
  },
): Promise<PreflightReport> {
  const notes = [
    'The local evaluation reads the identity policies and permissions boundary of the caller; it cannot see service control policies, session policies or resource policies.',
  ];
  const principal = await findCaller(clients.sts);
  if (principal.kind === 'root') {
    notes.push(
      'The caller is the account root user, which IAM policies do not limit; deploy with a role instead.',
    );
    return {
      principal,
      findings: permissions.map((permission) => ({
        permission,
        decision: 'Allow',
        reason: 'account root',
      })),
      notes,
    };
  }
  let policies;
  try {
    policies = await principalPolicies(clients.iam, principal);
  } catch (error) {
    const entity = principal.kind === 'role' ? `role/${principal.name}` : `user/${principal.name}`;
    throw new ConfigurationError(
      `The IAM pre-flight could not read the policies of ${entity}: ${errorMessage(error)}`,
      {
        hint: `It needs iam:Get${principal.kind === 'role' ? 'Role' : 'User'}, iam:List*Policies, iam:Get*Policy, iam:GetPolicy and iam:GetPolicyVersion on arn:aws:iam::${principal.account}:${entity} and its policies; grant them or set iam-preflight: off.`,
        cause: error,
      },
    );
  }
  const findings: Finding[] = permissions.map((permission) => {
    const result = evaluate(policies, {
      action: permission.action,
      resource: permission.resource,
      ...(permission.context === undefined ? {} : { context: permission.context }),
    });
    return { permission, decision: result.decision, reason: result.reason };
  });
  const arn = `arn:${principal.callerArn.split(':')[1] ?? 'aws'}:iam::${principal.account}:${principal.kind}/${principal.name}`;
  try {
    for (const finding of findings) {
      const context = Object.entries(finding.permission.context ?? {}).map(
        ([ContextKeyName, value]) => ({
          ContextKeyName,
          ContextKeyValues: Array.isArray(value) ? value : [value],
          ContextKeyType: 'string' as const,
        }),
      );
      const simulated = await (clients.simulator ?? clients.iam).send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: arn,
          ActionNames: [finding.permission.action],
          ResourceArns: [finding.permission.resource],
          ...(context.length === 0 ? {} : { ContextEntries: context }),
        }),
      );
      const aws = simulated.EvaluationResults?.[0]?.EvalDecision;
      if (aws !== undefined && aws !== 'allowed' && finding.decision === 'Allow') {
        finding.decision = aws === 'explicitDeny' ? 'ExplicitDeny' : 'ImplicitDeny';
        finding.reason = `IAM's own simulation denies it (${aws}); an SCP or boundary may be the cause`;
      }
    }
    notes.push('SimulatePrincipalPolicy agreed with or corrected each decision.');
  } catch (error) {
    if (
      !SIMULATE_UNSUPPORTED.test(awsErrorCode(error) ?? '') &&
      !SIMULATE_UNSUPPORTED.test(errorMessage(error))
    )
      throw error;
    notes.push(
      'This endpoint does not implement SimulatePrincipalPolicy: the local evaluation stands alone.',
    );
  }
  return { principal, findings, notes };
}

function report(logger: Logger, result: PreflightReport): void {
  logger.info(
    `Caller: ${result.principal.callerArn} (policies of ${result.principal.kind} ${result.principal.name}).`,
  );
  for (const finding of result.findings) {
    logger.info(
      `${finding.decision === 'Allow' ? 'allowed' : 'MISSING'}: ${describePermission(finding.permission)}${finding.decision === 'Allow' ? '' : ` — ${finding.reason}`}`,
    );
  }
  for (const note of result.notes) logger.info(note);
}

/** The pre-flight runAction runs on every plan when an action's iam-preflight input asks for it. */
export function iamPreflight(
  region: string | undefined,
): (
  permissions: RequiredPermission[],
  mode: PreflightMode,
  context: ActionContext,
) => Promise<void> {
  return async (permissions, mode, context) => {
    if (mode === 'off' || permissions.length === 0) return;
    const at = { region: region ?? context.env['AWS_REGION'] ?? 'us-east-1' };
    const clients = {
      iam: context.clients.get(IAMClient, 'iam', at),
      sts: context.clients.get(STSClient, 'sts', at),
      // An endpoint without SimulatePrincipalPolicy answers 501: one more try is enough.
      simulator: context.clients.get(IAMClient, 'iam', { ...at, maxAttempts: 2 }),
    };
    let result: PreflightReport;
    try {
      result = await context.logger.group(
        `IAM pre-flight (${mode}): ${permissions.length} permissions`,
        async () => {
          const checked = await checkPermissions(permissions, clients);
          report(context.logger, checked);
          return checked;
        },
      );
    } catch (error) {
      if (mode === 'warn') {
        context.logger.warning(`IAM pre-flight skipped: ${errorMessage(error)}`);
        return;
      }
      throw error;
    }
    const missing = result.findings.filter((f) => f.decision !== 'Allow');
    context.summary.heading('IAM pre-flight', 3).table(
      ['Permission', 'Resource', 'Decision'],
      result.findings.map((f) => [
        f.permission.action,
        f.permission.resource,
        f.decision === 'Allow' ? 'allowed' : `missing: ${f.reason}`,
      ]),
    );
    if (missing.length === 0) return;
    const [first] = missing;
    const message = `${result.principal.kind === 'role' ? 'Role' : 'User'} ${result.principal.name} may not ${first?.permission.action ?? ''} on ${first?.permission.resource ?? ''} (${first?.reason ?? ''}), which this run needs to ${first?.permission.reason ?? ''}${missing.length > 1 ? `; ${missing.length - 1} more permission(s) are missing (listed above)` : ''}.`;
    const hint =
      first === undefined
        ? undefined
        : `Add ${allowingStatement(first.permission)}, or run actions/iam-check for the whole policy.`;
    if (mode === 'enforce')
      throw new ConfigurationError(message, {
        input: 'iam-preflight',
        ...(hint === undefined ? {} : { hint }),
      });
    context.logger.warning(`${message}${hint === undefined ? '' : ` ${hint}`}`);
  };
}

/** Checks the plan's permissions against the caller's IAM policies: what an action's main.ts wires in. */
export const defaultPreflight: Preflight = (permissions, mode, context, region) =>
  iamPreflight(region)(permissions, mode, context);
