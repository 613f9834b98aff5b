import { ConfigurationError } from '../../core/action/errors.js';
import type { ActionPlan } from '../../core/action/run.js';
import { type DiffEntry, diffDefinitions } from '../../core/taskdef/diff.js';
import { sameDefinition } from '../../core/taskdef/normalize.js';
import { applyChanges, mergeTags } from '../../core/taskdef/render.js';
import type { Tag, TaskDefinition } from '../../core/taskdef/types.js';
import {
  type DefinitionProblem,
  SHAPES_SOURCE,
  unknownKeys,
  validateDefinition,
} from '../../core/taskdef/validate.js';
import { type TaskDefinitionInputs } from './inputs.js';
import { taskDefinitionPermissions } from '../../core/permissions/task-definition.js';

export interface RevisionSnapshot {
  arn: string;
  definition: TaskDefinition;
  tags: Tag[];
}

export interface TaskDefinitionPlan extends ActionPlan {
  region: string;
  family: string;
  rendered: TaskDefinition;
  tags: Tag[];
  /** register a new revision, reuse the latest identical one, or only show what would happen */
  action: 'register' | 'reuse' | 'dry-run';
  latest: RevisionSnapshot | undefined;
  /** What the diff is against: the revision a service runs (service input), else the latest. */
  comparedTo: { what: string; arn: string | undefined };
  diff: DiffEntry[];
  keepRevisions: number;
  protectClusters: string[];
}

function describeProblems(problems: DefinitionProblem[], withPath = true): string {
  const [first, ...rest] = problems;
  const more =
    rest.length === 0 ? '' : ` (and ${rest.length} more: ${rest.map((p) => p.path).join(', ')})`;
  return `${withPath ? `${first?.path ?? ''}: ` : ''}${first?.message ?? ''}${more}`;
}

/** The definition to register: source plus changes, checked before any AWS write. */
export function renderDefinition(
  inputs: TaskDefinitionInputs,
  source: { definition: TaskDefinition; tags: Tag[] },
): {
  definition: TaskDefinition;
  tags: Tag[];
} {
  const names = (source.definition.containerDefinitions ?? []).map((c) => String(c.name));
  const containers = inputs.changes.containers.map((change) => {
    if (change.name !== '') return change;
    if (names.length !== 1) {
      throw new ConfigurationError(
        `Input 'container-name' is required: the task definition has ${names.length === 0 ? 'no containers' : `containers ${names.map((n) => `'${n}'`).join(', ')}`}.`,
        { input: 'container-name' },
      );
    }
    return { ...change, name: names[0] ?? '' };
  });
  const definition = applyChanges(source.definition, { ...inputs.changes, containers });
  const unknown = unknownKeys(definition, inputs.allowUnknownKeys);
  if (unknown.length > 0) {
    throw new ConfigurationError(
      `The task definition has an ${describeProblems(unknown, false)}.`,
      {
        input: 'task-definition',
        hint: `If ECS accepts it but this action (${SHAPES_SOURCE}) does not know it yet, list it in 'allow-unknown-keys'.`,
      },
    );
  }
  const problems = validateDefinition(definition);
  if (problems.length > 0) {
    throw new ConfigurationError(
      `The task definition is not valid: ${describeProblems(problems)}.`,
      { input: 'task-definition' },
    );
  }
  return { definition, tags: mergeTags(source.tags, inputs.changes.tags) };
}

function sameTags(a: Tag[], b: Tag[]): boolean {
  const key = (tags: Tag[]) => JSON.stringify([...tags].sort((x, y) => x.key.localeCompare(y.key)));
  return key(a) === key(b);
}

export function accountOf(...arns: (string | undefined)[]): string {
  for (const arn of arns) {
    const account = arn?.split(':')[4];
    if (account !== undefined && /^\d{12}$/.test(account)) return account;
  }
  return '*';
}

export function planRegistration(
  inputs: TaskDefinitionInputs,
  rendered: { definition: TaskDefinition; tags: Tag[] },
  latest: RevisionSnapshot | undefined,
  running?: { service: string; serviceArn: string; revision: RevisionSnapshot | undefined },
): TaskDefinitionPlan {
  const family = String(rendered.definition.family);
  const identical =
    latest !== undefined &&
    sameDefinition(latest.definition, rendered.definition) &&
    sameTags(latest.tags, rendered.tags);
  const action = inputs.dryRun
    ? 'dry-run'
    : inputs.reuseIdentical && identical
      ? 'reuse'
      : 'register';
  const account = accountOf(
    latest?.arn,
    rendered.definition['executionRoleArn'] as string | undefined,
    rendered.definition['taskRoleArn'] as string | undefined,
  );
  const permissions = taskDefinitionPermissions({
    region: inputs.region,
    account,
    family,
    register: action === 'register',
    taskRoleArn: rendered.definition['taskRoleArn'] as string | undefined,
    executionRoleArn: rendered.definition['executionRoleArn'] as string | undefined,
    tags: rendered.tags.length > 0,
    keepRevisions: action === 'dry-run' ? 0 : inputs.keepRevisions,
    protectClusters: inputs.protectClusters,
  });
  return {
    region: inputs.region,
    family,
    rendered: rendered.definition,
    tags: rendered.tags,
    action,
    latest,
    comparedTo:
      running === undefined
        ? { what: 'the latest revision', arn: latest?.arn }
        : { what: `what ${running.service} runs`, arn: running.revision?.arn },
    diff: diffDefinitions(
      (running === undefined ? latest : running.revision)?.definition,
      rendered.definition,
    ),
    keepRevisions: inputs.keepRevisions,
    protectClusters: inputs.protectClusters,
    permissions: [
      ...permissions,
      ...(running === undefined
        ? []
        : [
            {
              action: 'ecs:DescribeServices',
              resource: running.serviceArn,
              write: false,
              reason: 'compare with the revision the service runs',
            },
          ]),
    ],
  };
}

/**
 * Revisions to deregister: keep the newest `keep` (the current one among them), the newest
 * revision before the current one (the rollback target: ECS refuses to roll a service back to an
 * INACTIVE revision), and every revision a service still uses.
 */
export function revisionsToDeregister(
  activeNewestFirst: string[],
  keep: number,
  inUse: ReadonlySet<string>,
  current: string,
): string[] {
  if (keep <= 0) return [];
  const revision = (arn: string) => Number(arn.split(':').at(-1));
  const sorted = [...activeNewestFirst].sort((a, b) => revision(b) - revision(a));
  const kept = new Set(sorted.slice(0, keep));
  kept.add(current);
  const rollbackTarget = sorted.find((arn) => revision(arn) < revision(current));
  if (rollbackTarget !== undefined) kept.add(rollbackTarget);
  return sorted.filter((arn) => !kept.has(arn) && !inUse.has(arn));
}
