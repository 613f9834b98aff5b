import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  GetGroupPolicyCommand,
  type IAMClient,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListGroupPoliciesCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { ConfigurationError } from '../action/errors.js';
import type { PrincipalPolicies } from './evaluate.js';
import type { RequiredPermission } from '../action/permissions.js';
import { type PolicyDocument, parsePolicy } from './policy.js';

type Iam = Pick<IAMClient, 'send'>;

export interface Principal {
  /** The caller as STS names it. */
  callerArn: string;
  /** What the policies belong to: a role, a user, or the account root (which IAM does not limit). */
  kind: 'role' | 'user' | 'root';
  name: string;
  account: string;
}

/** Maps the caller ARN to the IAM entity whose policies apply (an assumed role maps to its role). */
export function principalOf(callerArn: string): Principal {
  const parts = callerArn.split(':');
  const account = parts[4] ?? '';
  const resource = parts.slice(5).join(':');
  if (resource === 'root') return { callerArn, kind: 'root', name: 'root', account };
  if (resource.startsWith('assumed-role/'))
    return { callerArn, kind: 'role', name: resource.split('/')[1] ?? '', account };
  if (resource.startsWith('role/'))
    return { callerArn, kind: 'role', name: resource.split('/').at(-1) ?? '', account };
  if (resource.startsWith('user/'))
    return { callerArn, kind: 'user', name: resource.split('/').at(-1) ?? '', account };
  throw new ConfigurationError(
    `Cannot check the permissions of ${callerArn}: only IAM roles and users can be checked.`,
  );
}

/**
 * What the IAM checks (iam-check with the caller checked, and every action's iam-preflight) need
 * to read a role's own policies: add them to that role's policy when its steps check themselves.
 */
export function selfCheckPermissions(roleArn: string): RequiredPermission[] {
  const reason = "read the role's own policies for the IAM pre-flight";
  const onRole = (action: string): RequiredPermission => ({
    action,
    resource: roleArn,
    write: false,
    reason,
  });
  return [
    { action: 'sts:GetCallerIdentity', resource: '*', write: false, reason: 'find the caller' },
    onRole('iam:GetRole'),
    onRole('iam:ListRolePolicies'),
    onRole('iam:GetRolePolicy'),
    onRole('iam:ListAttachedRolePolicies'),
    onRole('iam:SimulatePrincipalPolicy'),
    // Attached managed policies: the account's own and AWS managed ones.
    { action: 'iam:GetPolicy', resource: 'arn:aws:iam::*:policy/*', write: false, reason },
    { action: 'iam:GetPolicyVersion', resource: 'arn:aws:iam::*:policy/*', write: false, reason },
  ];
}

export async function findCaller(sts: Pick<STSClient, 'send'>): Promise<Principal> {
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  return principalOf(identity.Arn ?? '');
}

async function managedPolicy(iam: Iam, arn: string): Promise<PolicyDocument> {
  const policy = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
  const version = await iam.send(
    new GetPolicyVersionCommand({
      PolicyArn: arn,
      VersionId: policy.Policy?.DefaultVersionId ?? 'v1',
    }),
  );
  return parsePolicy(version.PolicyVersion?.Document ?? '', `Policy ${arn}`);
}

async function pages<T>(
  fetch: (marker: string | undefined) => Promise<{ items: T[]; marker: string | undefined }>,
): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  do {
    const page = await fetch(marker);
    all.push(...page.items);
    marker = page.marker;
  } while (marker !== undefined);
  return all;
}

const mark = (marker: string | undefined) => (marker === undefined ? {} : { Marker: marker });
const next = (truncated: boolean | undefined, marker: string | undefined) =>
  truncated === true ? marker : undefined;

/** The identity policies and permissions boundary of a role or user, read through the IAM API. */
export async function principalPolicies(
  iam: Iam,
  principal: Principal,
): Promise<PrincipalPolicies> {
  const identity: PolicyDocument[] = [];
  let boundaryArn: string | undefined;
  if (principal.kind === 'role') {
    const RoleName = principal.name;
    const inline = await pages(async (marker) => {
      const page = await iam.send(new ListRolePoliciesCommand({ RoleName, ...mark(marker) }));
      return { items: page.PolicyNames ?? [], marker: next(page.IsTruncated, page.Marker) };
    });
    for (const PolicyName of inline) {
      const policy = await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName }));
      identity.push(
        parsePolicy(policy.PolicyDocument ?? '', `Inline policy ${PolicyName} of role ${RoleName}`),
      );
    }
    const attached = await pages(async (marker) => {
      const page = await iam.send(
        new ListAttachedRolePoliciesCommand({ RoleName, ...mark(marker) }),
      );
      return { items: page.AttachedPolicies ?? [], marker: next(page.IsTruncated, page.Marker) };
    });
    for (const policy of attached) identity.push(await managedPolicy(iam, policy.PolicyArn ?? ''));
    boundaryArn = (await iam.send(new GetRoleCommand({ RoleName }))).Role?.PermissionsBoundary
      ?.PermissionsBoundaryArn;
  } else if (principal.kind === 'user') {
    const UserName = principal.name;
    const inline = await pages(async (marker) => {
      const page = await iam.send(new ListUserPoliciesCommand({ UserName, ...mark(marker) }));
      return { items: page.PolicyNames ?? [], marker: next(page.IsTruncated, page.Marker) };
    });
    for (const PolicyName of inline) {
      const policy = await iam.send(new GetUserPolicyCommand({ UserName, PolicyName }));
      identity.push(
        parsePolicy(policy.PolicyDocument ?? '', `Inline policy ${PolicyName} of user ${UserName}`),
      );
    }
    const attached = await pages(async (marker) => {
      const page = await iam.send(
        new ListAttachedUserPoliciesCommand({ UserName, ...mark(marker) }),
      );
      return { items: page.AttachedPolicies ?? [], marker: next(page.IsTruncated, page.Marker) };
    });
    for (const policy of attached) identity.push(await managedPolicy(iam, policy.PolicyArn ?? ''));
    const groups = await pages(async (marker) => {
      const page = await iam.send(new ListGroupsForUserCommand({ UserName, ...mark(marker) }));
      return { items: page.Groups ?? [], marker: next(page.IsTruncated, page.Marker) };
    });
    for (const group of groups) {
      const GroupName = group.GroupName ?? '';
      const groupInline =
        (await iam.send(new ListGroupPoliciesCommand({ GroupName }))).PolicyNames ?? [];
      for (const PolicyName of groupInline) {
        const policy = await iam.send(new GetGroupPolicyCommand({ GroupName, PolicyName }));
        identity.push(
          parsePolicy(
            policy.PolicyDocument ?? '',
            `Inline policy ${PolicyName} of group ${GroupName}`,
          ),
        );
      }
      const groupAttached =
        (await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName }))).AttachedPolicies ??
        [];
      for (const policy of groupAttached)
        identity.push(await managedPolicy(iam, policy.PolicyArn ?? ''));
    }
    boundaryArn = (await iam.send(new GetUserCommand({ UserName }))).User?.PermissionsBoundary
      ?.PermissionsBoundaryArn;
  }
  return {
    identity,
    boundary: boundaryArn === undefined ? undefined : await managedPolicy(iam, boundaryArn),
  };
}
