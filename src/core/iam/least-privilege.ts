import type { PolicyDocument, Statement } from './policy.js';
import { type RequiredPermission, normalizePermissions } from '../action/permissions.js';

/**
 * The least-privilege policy for a run: one statement per (resource, condition) with the actions
 * the run performs on it, so every statement says what it is for.
 */
export function leastPrivilegePolicy(permissions: readonly RequiredPermission[]): PolicyDocument {
  const groups = new Map<
    string,
    { resource: string; context: RequiredPermission['context']; actions: Set<string> }
  >();
  for (const permission of normalizePermissions(permissions)) {
    const key = `${permission.resource}\u0000${JSON.stringify(permission.context ?? {})}`;
    const group = groups.get(key) ?? {
      resource: permission.resource,
      context: permission.context,
      actions: new Set<string>(),
    };
    group.actions.add(permission.action);
    groups.set(key, group);
  }
  const statements: Statement[] = [...groups.values()]
    .sort(
      (a, b) =>
        (a.resource === '*' ? 1 : 0) - (b.resource === '*' ? 1 : 0) ||
        a.resource.localeCompare(b.resource),
    )
    .map((group, index) => {
      const actions = [...group.actions].sort();
      const statement: Statement = {
        Sid: `EcsDelivery${index + 1}`,
        Effect: 'Allow',
        Action: actions.length === 1 ? (actions[0] ?? '') : actions,
        Resource: group.resource,
      };
      if (group.context !== undefined && Object.keys(group.context).length > 0) {
        const condition: Record<string, Record<string, unknown>> = {};
        for (const [key, value] of Object.entries(group.context)) {
          const operator = [value].flat().every((v) => v.startsWith('arn:'))
            ? 'ArnEquals'
            : 'StringEquals';
          condition[operator] = { ...condition[operator], [key]: value };
        }
        statement.Condition = condition;
      }
      return statement;
    });
  return { Version: '2012-10-17', Statement: statements };
}
