/**
 * The permission contract: every action's plan lists the AWS calls it will make, so that a
 * pre-flight can prove the caller may make them before the first write.
 */
export type ConditionContext = Record<string, string | string[]>;

export interface RequiredPermission {
  /** The IAM action, e.g. `ecs:UpdateService`. */
  action: string;
  /** The resource ARN the call acts on, or `*` for actions without resource-level permissions. */
  resource: string;
  /** Condition keys AWS adds to the request (e.g. `iam:PassedToService`). */
  context?: ConditionContext;
  /** Whether the call changes anything (reads come before the pre-flight, writes after it). */
  write: boolean;
  /** Why the run makes this call, shown next to a missing permission. */
  reason: string;
}

export type PreflightMode = 'off' | 'warn' | 'enforce';
export const PREFLIGHT_MODES: readonly PreflightMode[] = ['off', 'warn', 'enforce'];

/** Sorts and removes duplicates so plans compare and print stably. */
export function normalizePermissions(
  permissions: readonly RequiredPermission[],
): RequiredPermission[] {
  const seen = new Map<string, RequiredPermission>();
  for (const permission of permissions) {
    const key = `${permission.action}\u0000${permission.resource}\u0000${JSON.stringify(permission.context ?? {})}`;
    if (!seen.has(key)) seen.set(key, permission);
  }
  return [...seen.values()].sort(
    (a, b) => a.action.localeCompare(b.action) || a.resource.localeCompare(b.resource),
  );
}

/** One line per permission, for logs. */
export function describePermission(permission: RequiredPermission): string {
  const context =
    permission.context === undefined
      ? ''
      : ` when ${Object.entries(permission.context)
          .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('|') : value}`)
          .join(', ')}`;
  return `${permission.action} on ${permission.resource}${context} (${permission.write ? 'write' : 'read'}: ${permission.reason})`;
}

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** The partition of a region: China (cn-), GovCloud (us-gov-), else the commercial one. */
export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** A resource ARN in the region's partition: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export function arnIn(service: string, region: string, account: string, resource: string): string {
  return `arn:${partitionOf(region)}:${service}:${region}:${account}:${resource}`;
}

/** An ARN of a global service (IAM) in the partition of the region the step runs in. */
export function globalArnIn(
  service: string,
  region: string,
  account: string,
  resource: string,
): string {
  return `arn:${partitionOf(region)}:${service}::${account}:${resource}`;
}
