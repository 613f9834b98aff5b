import { ConfigurationError } from '../action/errors.js';
import { asText, omitKeys } from '../util/text.js';
import type {
  ContainerChange,
  ContainerDefinition,
  NameValue,
  Tag,
  TaskChanges,
  TaskDefinition,
} from './types.js';

/** Fields DescribeTaskDefinition returns that RegisterTaskDefinition rejects. */
export const DESCRIBE_ONLY_KEYS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Drops null, empty strings, empty lists and empty objects, recursively (map values included). */
export function pruneEmpty<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map((item: unknown) => pruneEmpty(item)).filter((item) => !isEmpty(item)) as T;
  }
  if (isObject(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const pruned = pruneEmpty(item);
      if (!isEmpty(pruned)) result[key] = pruned;
    }
    return result as T;
  }
  return value;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return false;
}

/**
 * Accepts the output of `aws ecs describe-task-definition` (with or without its `taskDefinition`
 * wrapper and `tags`) or a plain definition, and returns what RegisterTaskDefinition takes.
 */
export function fromDescribeOutput(
  raw: unknown,
  source: string,
): { definition: TaskDefinition; tags: Tag[] } {
  if (!isObject(raw)) {
    throw new ConfigurationError(
      `${source} must be a JSON or YAML object, not ${Array.isArray(raw) ? 'a list' : typeof raw}.`,
    );
  }
  const wrapped = isObject(raw['taskDefinition']) ? raw['taskDefinition'] : raw;
  const definition: Record<string, unknown> = omitKeys(wrapped, DESCRIBE_ONLY_KEYS);
  const outerTags = wrapped === raw ? undefined : raw['tags'];
  const tags = toTags(definition['tags'] ?? outerTags);
  delete definition['tags'];
  return { definition: pruneEmpty(definition), tags };
}

function toTags(value: unknown): Tag[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isObject)
    .map((tag) => ({ key: asText(tag['key']), value: asText(tag['value']) }))
    .filter((tag) => tag.key !== '');
}

function upsert(
  list: unknown,
  entries: Record<string, string>,
  field: 'value' | 'valueFrom',
  remove: string[],
): NameValue[] | undefined {
  const current = Array.isArray(list)
    ? (list.filter(isObject) as unknown as Record<string, string>[])
    : [];
  const byName = new Map(current.map((item) => [String(item['name']), item]));
  for (const name of remove) byName.delete(name);
  for (const [name, value] of Object.entries(entries)) byName.set(name, { name, [field]: value });
  const result = [...byName.values()] as unknown as NameValue[];
  return result.length === 0 ? undefined : result;
}

function applyContainer(
  container: ContainerDefinition,
  change: ContainerChange,
): ContainerDefinition {
  const next: ContainerDefinition = { ...container };
  if (change.image !== undefined) next.image = change.image;
  if (change.environment !== undefined || change.removeEnvironment !== undefined) {
    const environment = upsert(
      next['environment'],
      change.environment ?? {},
      'value',
      change.removeEnvironment ?? [],
    );
    if (environment === undefined) delete next['environment'];
    else next['environment'] = environment;
  }
  if (change.secrets !== undefined || change.removeSecrets !== undefined) {
    const secrets = upsert(
      next['secrets'],
      change.secrets ?? {},
      'valueFrom',
      change.removeSecrets ?? [],
    );
    if (secrets === undefined) delete next['secrets'];
    else next['secrets'] = secrets;
  }
  if (change.cpu !== undefined) next['cpu'] = change.cpu;
  if (change.memory !== undefined) next['memory'] = change.memory;
  if (change.memoryReservation !== undefined) next['memoryReservation'] = change.memoryReservation;
  if (change.command !== undefined) next['command'] = change.command;
  if (change.dockerLabels !== undefined) {
    next['dockerLabels'] = {
      ...(isObject(next['dockerLabels']) ? next['dockerLabels'] : {}),
      ...change.dockerLabels,
    };
  }
  if (change.logConfiguration !== undefined) next['logConfiguration'] = change.logConfiguration;
  return next;
}

/**
 * Applies the requested changes to a definition. Every named container must exist; the error
 * lists the ones that do.
 */
export function applyChanges(definition: TaskDefinition, changes: TaskChanges): TaskDefinition {
  const containers = definition.containerDefinitions ?? [];
  const names = containers.map((c) => String(c.name));
  for (const change of changes.containers) {
    if (!names.includes(change.name)) {
      throw new ConfigurationError(
        `Container '${change.name}' is not in the task definition; it has ${names.length === 0 ? 'no containers' : names.map((n) => `'${n}'`).join(', ')}.`,
        { input: 'container-name', hint: 'Use the name of a container in containerDefinitions.' },
      );
    }
  }
  const next: TaskDefinition = {
    ...definition,
    containerDefinitions: containers.map((container) =>
      changes.containers
        .filter((change) => change.name === container.name)
        .reduce((current, change) => applyContainer(current, change), container),
    ),
  };
  if (changes.cpu !== undefined) next['cpu'] = changes.cpu;
  if (changes.memory !== undefined) next['memory'] = changes.memory;
  if (changes.taskRoleArn !== undefined) next['taskRoleArn'] = changes.taskRoleArn;
  if (changes.executionRoleArn !== undefined) next['executionRoleArn'] = changes.executionRoleArn;
  return next;
}

/** Tags merged: the source's, then the requested ones (same key replaces). */
export function mergeTags(source: Tag[], requested: Record<string, string> | undefined): Tag[] {
  const byKey = new Map(source.map((tag) => [tag.key, tag.value]));
  for (const [key, value] of Object.entries(requested ?? {})) byKey.set(key, value);
  return [...byKey.entries()]
    .map(([key, value]) => ({ key, value }))
    .sort((a, b) => a.key.localeCompare(b.key));
}
