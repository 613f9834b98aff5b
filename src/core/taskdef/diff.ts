import { asText } from '../util/text.js';
import { normalizeDefinition } from './normalize.js';
import type { ContainerDefinition, TaskDefinition } from './types.js';

/** One line of a task definition diff, as a user reads it; secret values never appear. */
export interface DiffEntry {
  container?: string;
  field: string;
  before?: string;
  after?: string;
}

function names(list: unknown): Map<string, string> {
  const result = new Map<string, string>();
  if (!Array.isArray(list)) return result;
  for (const entry of list as Record<string, unknown>[]) {
    result.set(asText(entry['name']), asText(entry['value'] ?? entry['valueFrom']));
  }
  return result;
}

function show(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Ports as a user reads them (80/tcp http), in order; ECS's filled-in defaults do not count. */
function ports(list: unknown): string[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return (list as Record<string, unknown>[]).map(
    (m) =>
      `${asText(m['containerPort'])}/${asText(m['protocol'] ?? 'tcp')}${m['name'] === undefined ? '' : ` ${asText(m['name'])}`}`,
  );
}

/** What changes from the previous revision to the rendered one: containers, images, env names, sizes. */
export function diffDefinitions(
  previousAsGiven: TaskDefinition | undefined,
  nextAsGiven: TaskDefinition,
): DiffEntry[] {
  // Both as ECS stores them: a default ECS filled in (container cpu 0, essential) is no change.
  const previous = previousAsGiven === undefined ? undefined : normalizeDefinition(previousAsGiven);
  const next = normalizeDefinition(nextAsGiven);
  const entries: DiffEntry[] = [];
  const before = new Map((previous?.containerDefinitions ?? []).map((c) => [String(c.name), c]));
  const after = new Map((next.containerDefinitions ?? []).map((c) => [String(c.name), c]));
  for (const field of ['cpu', 'memory', 'taskRoleArn', 'executionRoleArn'] as const) {
    const a = show(previous?.[field]);
    const b = show(next[field]);
    if (a !== b)
      entries.push({
        field,
        ...(a === undefined ? {} : { before: a }),
        ...(b === undefined ? {} : { after: b }),
      });
  }
  for (const [name, container] of after) {
    const old: ContainerDefinition | undefined = before.get(name);
    if (old === undefined) {
      entries.push({ container: name, field: 'container', after: 'added' });
      continue;
    }
    for (const field of [
      'image',
      'cpu',
      'memory',
      'memoryReservation',
      'command',
      'portMappings',
    ] as const) {
      const a = show(field === 'portMappings' ? ports(old[field]) : old[field]);
      const b = show(field === 'portMappings' ? ports(container[field]) : container[field]);
      if (a !== b)
        entries.push({
          container: name,
          field,
          ...(a === undefined ? {} : { before: a }),
          ...(b === undefined ? {} : { after: b }),
        });
    }
    for (const list of ['environment', 'secrets'] as const) {
      const a = names(old[list]);
      const b = names(container[list]);
      for (const key of b.keys()) {
        if (!a.has(key)) entries.push({ container: name, field: `${list} ${key}`, after: 'added' });
        else if (a.get(key) !== b.get(key))
          entries.push({ container: name, field: `${list} ${key}`, after: 'changed' });
      }
      for (const key of a.keys())
        if (!b.has(key))
          entries.push({ container: name, field: `${list} ${key}`, before: 'removed' });
    }
  }
  for (const name of before.keys())
    if (!after.has(name)) entries.push({ container: name, field: 'container', before: 'removed' });
  return entries;
}
