import { omitKeys } from '../util/text.js';
import { DESCRIBE_ONLY_KEYS, pruneEmpty } from './render.js';
import type { ContainerDefinition, TaskDefinition } from './types.js';

function byName(a: unknown, b: unknown): number {
  return String((a as { name?: unknown }).name).localeCompare(
    String((b as { name?: unknown }).name),
  );
}

/**
 * The definition as ECS stores it: the defaults ECS fills (essential, cpu 0, tcp, hostPort under
 * awsvpc, networkMode), describe-only fields and empty values removed, lists whose order ECS does
 * not keep meaningful sorted. Two definitions that normalize equal register the same revision.
 */
export function normalizeDefinition(definition: TaskDefinition): TaskDefinition {
  const copy = omitKeys(structuredClone(definition) as Record<string, unknown>, [
    ...DESCRIBE_ONLY_KEYS,
    'tags',
  ]);
  const compatibilities = Array.isArray(copy['requiresCompatibilities'])
    ? (copy['requiresCompatibilities'] as string[])
    : [];
  copy['networkMode'] ??= compatibilities.includes('FARGATE') ? 'awsvpc' : 'bridge';
  const awsvpc = copy['networkMode'] === 'awsvpc';
  for (const key of ['cpu', 'memory'] as const) {
    if (typeof copy[key] === 'number') copy[key] = String(copy[key]);
  }
  const containers = (copy['containerDefinitions'] as ContainerDefinition[] | undefined) ?? [];
  copy['containerDefinitions'] = containers.map((container) => {
    const next: ContainerDefinition = { ...container };
    next['essential'] ??= true;
    next['cpu'] ??= 0;
    if (Array.isArray(next['portMappings'])) {
      next['portMappings'] = (next['portMappings'] as Record<string, unknown>[]).map((mapping) => ({
        ...mapping,
        protocol: mapping['protocol'] ?? 'tcp',
        ...(awsvpc && mapping['hostPort'] === undefined && mapping['containerPort'] !== undefined
          ? { hostPort: mapping['containerPort'] }
          : {}),
      }));
    }
    for (const list of ['environment', 'secrets', 'environmentFiles'] as const) {
      if (Array.isArray(next[list])) next[list] = [...(next[list] as unknown[])].sort(byName);
    }
    return next;
  });
  return pruneEmpty(copy);
}

/** JSON with object keys sorted, so equal definitions give equal text. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map(
        (key) =>
          `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Whether registering `a` would give the same revision as `b` (tags compared by the caller). */
export function sameDefinition(a: TaskDefinition, b: TaskDefinition): boolean {
  return stableStringify(normalizeDefinition(a)) === stableStringify(normalizeDefinition(b));
}
