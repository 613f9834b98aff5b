import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ConfigurationError } from '../../core/action/errors.js';
import { parseJsonOrYaml } from '../../core/action/inputs.js';
import { resolveRegion } from '../../core/aws/region.js';
import { fromDescribeOutput } from '../../core/taskdef/render.js';
import type {
  ContainerChange,
  Tag,
  TaskChanges,
  TaskDefinition,
} from '../../core/taskdef/types.js';
import { isImageReference, isRoleArn } from '../../core/taskdef/validate.js';
import type { Context, Input, Reader } from './contract.js';
import {
  validateCommand,
  validateContainers,
  validateLogConfiguration,
} from './schemas.validate.js';

export type Source =
  | { kind: 'file'; path: string; definition: TaskDefinition; tags: Tag[] }
  | { kind: 'family'; family: string }
  | { kind: 'arn'; arn: string };

export interface TaskDefinitionInputs {
  region: string;
  source: Source;
  changes: TaskChanges;
  /** Set when single-container inputs were given without container-name: the only container. */
  implicitContainer: boolean;
  reuseIdentical: boolean;
  keepRevisions: number;
  protectClusters: string[];
  /** The cluster the revision is deployed to, and a service there to diff against. */
  cluster: string | undefined;
  service: string | undefined;
  allowUnknownKeys: string[];
  dryRun: boolean;
  workspace: string;
  outputDirectory: string;
}

const SINGLE_CONTAINER_INPUTS = [
  'image',
  'environment-variables',
  'remove-environment-variables',
  'secrets',
  'remove-secrets',
  'container-cpu',
  'container-memory',
  'container-memory-reservation',
  'command',
  'docker-labels',
  'log-configuration',
] as const;

function roleArn(reader: Reader, name: Input): string | undefined {
  const value = reader.optional(name);
  if (value !== undefined && !isRoleArn(value)) {
    throw new ConfigurationError(
      `Input '${name}' must be an IAM role ARN (arn:aws:iam::123456789012:role/name), got '${value}'.`,
      {
        input: name,
      },
    );
  }
  return value;
}

function readSource(reader: Reader, workspace: string): Source {
  const file = reader.optional('task-definition');
  const family = reader.optional('task-definition-family');
  const arn = reader.optional('task-definition-arn');
  const given = [file, family, arn].filter((v) => v !== undefined).length;
  if (given !== 1) {
    throw new ConfigurationError(
      `Give exactly one of 'task-definition' (a file), 'task-definition-family' or 'task-definition-arn'; ${given === 0 ? 'none was' : `${given} were`} given.`,
      { input: 'task-definition' },
    );
  }
  if (family !== undefined) {
    if (!/^[a-zA-Z0-9_-]{1,255}$/.test(family)) {
      throw new ConfigurationError(
        `Input 'task-definition-family' is not a task definition family name: '${family}'.`,
        {
          input: 'task-definition-family',
        },
      );
    }
    return { kind: 'family', family };
  }
  if (arn !== undefined) {
    if (!/^arn:[\w-]+:ecs:[a-z0-9-]+:\d{12}:task-definition\/[a-zA-Z0-9_-]+:\d+$/.test(arn)) {
      throw new ConfigurationError(
        `Input 'task-definition-arn' must be a task definition ARN with a revision (arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>), got '${arn}'.`,
        { input: 'task-definition-arn' },
      );
    }
    return { kind: 'arn', arn };
  }
  const path = isAbsolute(file ?? '') ? (file ?? '') : join(workspace, file ?? '');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigurationError(`Input 'task-definition': cannot read the file ${file ?? ''}.`, {
      input: 'task-definition',
      hint: 'Give a path relative to the repository root (after actions/checkout).',
    });
  }
  const parsed = parseJsonOrYaml(
    text,
    `Input 'task-definition' (${file ?? ''})`,
    'task-definition',
  );
  const { definition, tags } = fromDescribeOutput(
    parsed,
    `Input 'task-definition' (${file ?? ''})`,
  );
  return { kind: 'file', path, definition, tags };
}

function stringRecord(map: Map<string, string>): Record<string, string> | undefined {
  return map.size === 0 ? undefined : Object.fromEntries(map);
}

function singleContainerChange(reader: Reader): Omit<ContainerChange, 'name'> | undefined {
  const given = SINGLE_CONTAINER_INPUTS.filter((name) => reader.optional(name) !== undefined);
  if (given.length === 0) return undefined;
  const image = reader.optional('image');
  if (image !== undefined && !isImageReference(image)) {
    throw new ConfigurationError(`Input 'image' is not a valid image reference: '${image}'.`, {
      input: 'image',
      hint: 'Use the image output of ecr-build-push (<repository-uri>@sha256:...).',
    });
  }
  const change: Omit<ContainerChange, 'name'> = {};
  if (image !== undefined) change.image = image;
  const environment = stringRecord(reader.keyValues('environment-variables'));
  if (environment !== undefined) change.environment = environment;
  const removeEnvironment = reader.list('remove-environment-variables');
  if (removeEnvironment.length > 0) change.removeEnvironment = removeEnvironment;
  const secrets = stringRecord(reader.keyValues('secrets'));
  if (secrets !== undefined) change.secrets = secrets;
  const removeSecrets = reader.list('remove-secrets');
  if (removeSecrets.length > 0) change.removeSecrets = removeSecrets;
  if (reader.optional('container-cpu') !== undefined)
    change.cpu = reader.integer('container-cpu', { min: 0, max: 196608 });
  if (reader.optional('container-memory') !== undefined)
    change.memory = reader.integer('container-memory', { min: 4 });
  if (reader.optional('container-memory-reservation') !== undefined) {
    change.memoryReservation = reader.integer('container-memory-reservation', { min: 4 });
  }
  const command = reader.structured<string[]>('command', validateCommand);
  if (command !== undefined) change.command = command;
  const labels = stringRecord(reader.keyValues('docker-labels'));
  if (labels !== undefined) change.dockerLabels = labels;
  const log = reader.structured<Record<string, unknown>>(
    'log-configuration',
    validateLogConfiguration,
  );
  if (log !== undefined) change.logConfiguration = log;
  return change;
}

function taskSize(reader: Reader, name: 'cpu' | 'memory'): string | undefined {
  const value = reader.optional(name);
  const pattern = name === 'cpu' ? /^(\d+|\d+(\.\d+)?\s*vCPU)$/i : /^(\d+|\d+(\.\d+)?\s*GB)$/i;
  if (value !== undefined && !pattern.test(value)) {
    throw new ConfigurationError(
      `Input '${name}' must be ${name === 'cpu' ? 'CPU units (256) or vCPUs (0.25 vCPU)' : 'MiB (512) or GB (0.5 GB)'}, got '${value}'.`,
      { input: name },
    );
  }
  return value;
}

export function readInputs(reader: Reader, context: Pick<Context, 'env'>): TaskDefinitionInputs {
  const workspace = context.env['GITHUB_WORKSPACE'] ?? process.cwd();
  const region = resolveRegion(reader.optional('aws-region'), context.env);
  const source = readSource(reader, workspace);
  const containers: ContainerChange[] = [];
  const single = singleContainerChange(reader);
  const containerName = reader.optional('container-name');
  let implicitContainer = false;
  if (single !== undefined) {
    if (containerName !== undefined) {
      containers.push({ name: containerName, ...single });
    } else {
      implicitContainer = true;
      containers.push({ name: '', ...single });
    }
  }
  const many = reader.structured<
    (Omit<ContainerChange, 'environment'> & {
      environment?: Record<string, string | number | boolean>;
    })[]
  >('containers', validateContainers);
  for (const change of many ?? []) {
    if (change.image !== undefined && !isImageReference(change.image)) {
      throw new ConfigurationError(
        `Input 'containers': '${change.image}' (container ${change.name}) is not a valid image reference.`,
        {
          input: 'containers',
        },
      );
    }
    const { environment: raw, ...rest } = change;
    // YAML reads PORT: 8080 as a number; ECS takes strings.
    const environment =
      raw === undefined
        ? undefined
        : Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
    containers.push({ ...rest, ...(environment === undefined ? {} : { environment }) });
  }
  const changes: TaskChanges = { containers };
  const cpu = taskSize(reader, 'cpu');
  if (cpu !== undefined) changes.cpu = cpu;
  const memory = taskSize(reader, 'memory');
  if (memory !== undefined) changes.memory = memory;
  const taskRoleArn = roleArn(reader, 'task-role-arn');
  if (taskRoleArn !== undefined) changes.taskRoleArn = taskRoleArn;
  const executionRoleArn = roleArn(reader, 'execution-role-arn');
  if (executionRoleArn !== undefined) changes.executionRoleArn = executionRoleArn;
  const tags = reader.keyValues('tags');
  if (tags.size > 0) changes.tags = Object.fromEntries(tags);
  const keepRevisions = reader.integer('keep-revisions', { default: 0, min: 0, max: 1000 });
  // The cluster the release deploys to is protected like protect-clusters.
  const deployCluster = reader.optional('cluster');
  const protectClusters = [
    ...new Set([
      ...(deployCluster === undefined ? [] : [deployCluster]),
      ...reader.list('protect-clusters'),
    ]),
  ];
  if (keepRevisions > 0 && protectClusters.length === 0)
    throw new ConfigurationError(
      "Input 'keep-revisions' deregisters old revisions, but no cluster says which of them services still run or would roll back to: nothing would be safe to remove.",
      {
        input: 'keep-revisions',
        hint: "Give 'cluster' (where this revision is deployed) and any other clusters running the family in 'protect-clusters'.",
      },
    );
  return {
    region,
    source,
    changes,
    implicitContainer,
    reuseIdentical: reader.boolean('reuse-identical', true),
    keepRevisions,
    protectClusters,
    cluster: deployCluster,
    service: reader.optional('service'),
    allowUnknownKeys: reader.list('allow-unknown-keys'),
    dryRun: reader.boolean('dry-run', false),
    workspace,
    outputDirectory: context.env['RUNNER_TEMP'] ?? join(workspace, '.ecs-delivery'),
  };
}
