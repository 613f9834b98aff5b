import shapes from './ecs-shapes.json' with { type: 'json' };
import { asText } from '../util/text.js';
import type { TaskDefinition } from './types.js';

interface ShapeEntry {
  type: string;
  members?: Record<string, string>;
  member?: string;
  value?: string;
  enum?: string[];
}

const SHAPES = shapes.shapes as Record<string, ShapeEntry>;
/** Where the key list came from (botocore's ECS model), for messages. */
export const SHAPES_SOURCE = shapes.source;

/** A problem with a definition, located by a path such as `containerDefinitions[0].image`. */
export interface DefinitionProblem {
  path: string;
  message: string;
}

function levenshtein(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/** The known key closest to `key`, for "did you mean" hints. */
export function nearestKey(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = levenshtein(key, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 3))
    ? best
    : undefined;
}

/**
 * Keys the ECS API does not know, anywhere in the definition, with the nearest known key.
 * `allowed` lists keys (by name, at any depth) to let through: ECS may be newer than this model.
 */
export function unknownKeys(
  definition: TaskDefinition,
  allowed: readonly string[] = [],
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const visit = (shapeName: string, value: unknown, path: string): void => {
    const shape = SHAPES[shapeName];
    if (shape === undefined || value === null || value === undefined) return;
    if (shape.type === 'structure' && typeof value === 'object' && !Array.isArray(value)) {
      const members = shape.members ?? {};
      for (const [key, item] of Object.entries(value)) {
        const where = path === '' ? key : `${path}.${key}`;
        const member = members[key];
        if (member === undefined) {
          if (allowed.includes(key)) continue;
          const near = nearestKey(key, Object.keys(members));
          problems.push({
            path: where,
            message: `unknown key '${where}'${near === undefined ? '' : `; did you mean '${near}'`}`,
          });
          continue;
        }
        visit(member, item, where);
      }
    } else if (shape.type === 'list' && Array.isArray(value) && shape.member !== undefined) {
      value.forEach((item, index) => {
        visit(shape.member ?? '', item, `${path}[${index}]`);
      });
    }
  };
  visit('RegisterTaskDefinitionRequest', definition, '');
  return problems;
}

// name[:tag][@digest] with an optional registry host[:port]; Docker's reference grammar, simplified.
const IMAGE_REFERENCE =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export function isImageReference(image: string): boolean {
  return image.length <= 255 && IMAGE_REFERENCE.test(image);
}

const PARTITIONS = 'aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc';
const ROLE_ARN = new RegExp(`^arn:(${PARTITIONS}):iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$`);

export function isRoleArn(value: string): boolean {
  return ROLE_ARN.test(value);
}

/** Task-level cpu/memory in units of 1/1024 vCPU and MiB; ECS also accepts "1 vCPU" and "2 GB". */
export function parseTaskSize(value: unknown, kind: 'cpu' | 'memory'): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = asText(value).trim();
  if (/^\d+$/.test(text)) return Number(text);
  const unit = kind === 'cpu' ? /^(\d+(?:\.\d+)?)\s*vcpu$/i : /^(\d+(?:\.\d+)?)\s*gb$/i;
  const match = unit.exec(text);
  return match === null ? Number.NaN : Math.round(Number(match[1]) * 1024);
}

/** The memory sizes Fargate accepts for each task cpu size. */
export const FARGATE_SIZES: Record<number, number[]> = (() => {
  const range = (from: number, to: number, step: number): number[] =>
    Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);
  return {
    256: [512, 1024, 2048],
    512: range(1024, 4096, 1024),
    1024: range(2048, 8192, 1024),
    2048: range(4096, 16384, 1024),
    4096: range(8192, 30720, 1024),
    8192: range(16384, 61440, 4096),
    16384: range(32768, 122880, 8192),
  };
})();

/** EC2 and external tasks: task-level cpu from 128 units (0.125 vCPU) to 196608 (192 vCPU). */
export const EC2_TASK_CPU = { min: 128, max: 196_608 } as const;

/**
 * Task-level cpu and memory in a form ECS accepts: whole numbers as strings ("1024"), or
 * "0.5 vCPU" and "2 GB"; cpu within what EC2 tasks may ask for. Fargate's pairs are checked apart.
 */
export function taskSizeProblems(definition: TaskDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const cpu = parseTaskSize(definition['cpu'], 'cpu');
  if (cpu !== undefined && (!Number.isInteger(cpu) || cpu <= 0)) {
    problems.push({
      path: 'cpu',
      message: `'${asText(definition['cpu'])}' is not a task cpu ECS accepts: give CPU units as a whole number in a string ("1024") or vCPUs ("1 vCPU", "0.5 vCPU")`,
    });
  } else if (cpu !== undefined && (cpu < EC2_TASK_CPU.min || cpu > EC2_TASK_CPU.max)) {
    problems.push({
      path: 'cpu',
      message: `task cpu ${asText(definition['cpu'])} is outside what ECS runs: ${EC2_TASK_CPU.min} (0.125 vCPU) to ${EC2_TASK_CPU.max} (192 vCPU) CPU units`,
    });
  }
  const memory = parseTaskSize(definition['memory'], 'memory');
  if (memory !== undefined && (!Number.isInteger(memory) || memory <= 0)) {
    problems.push({
      path: 'memory',
      message: `'${asText(definition['memory'])}' is not a task memory ECS accepts: give MiB as a whole number in a string ("2048") or GB ("2 GB", "0.5 GB")`,
    });
  }
  return problems;
}

function fargateProblem(definition: TaskDefinition): DefinitionProblem | undefined {
  const cpu = parseTaskSize(definition['cpu'], 'cpu');
  const memory = parseTaskSize(definition['memory'], 'memory');
  if (cpu === undefined || memory === undefined) {
    return {
      path: cpu === undefined ? 'cpu' : 'memory',
      message: 'FARGATE needs task-level cpu and memory',
    };
  }
  const sizes = FARGATE_SIZES[cpu];
  if (sizes === undefined) {
    return {
      path: 'cpu',
      message: `FARGATE does not offer cpu ${String(definition['cpu'])}; use one of ${Object.keys(FARGATE_SIZES).join(', ')}`,
    };
  }
  if (!sizes.includes(memory)) {
    return {
      path: 'memory',
      message: `FARGATE does not offer memory ${String(definition['memory'])} with cpu ${String(definition['cpu'])}; use ${sizes[0] ?? 0} to ${sizes.at(-1) ?? 0} MiB in steps of ${(sizes[1] ?? 0) - (sizes[0] ?? 0) || sizes[0] || 0}`,
    };
  }
  return undefined;
}

/** Everything wrong with a definition that can be known before calling AWS. */
export function validateDefinition(definition: TaskDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const family = definition.family;
  if (typeof family !== 'string' || !/^[a-zA-Z0-9_-]{1,255}$/.test(family)) {
    problems.push({
      path: 'family',
      message: 'family must be 1-255 letters, digits, hyphens or underscores',
    });
  }
  const containers = definition.containerDefinitions ?? [];
  if (!Array.isArray(containers) || containers.length === 0) {
    problems.push({
      path: 'containerDefinitions',
      message: 'the task definition needs at least one container',
    });
  }
  const seen = new Set<string>();
  containers.forEach((container, index) => {
    const where = `containerDefinitions[${index}]`;
    const name = container.name;
    if (typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,255}$/.test(name)) {
      problems.push({
        path: `${where}.name`,
        message: 'a container needs a name of letters, digits, hyphens or underscores',
      });
    } else if (seen.has(name)) {
      problems.push({ path: `${where}.name`, message: `container name '${name}' is used twice` });
    } else {
      seen.add(name);
    }
    const image = container.image;
    if (typeof image !== 'string' || !isImageReference(image)) {
      problems.push({
        path: `${where}.image`,
        message: `'${String(image)}' is not a valid image reference (e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:...)`,
      });
    }
    if (
      definition['memory'] === undefined &&
      container['memory'] === undefined &&
      container['memoryReservation'] === undefined
    ) {
      problems.push({
        path: where,
        message:
          'a container needs memory or memoryReservation when the task has no task-level memory',
      });
    }
    for (const list of ['environment', 'secrets'] as const) {
      const entries = container[list];
      if (Array.isArray(entries)) {
        entries.forEach((entry: unknown, i) => {
          const entryName = (entry as { name?: unknown }).name;
          if (typeof entryName !== 'string' || entryName === '') {
            problems.push({
              path: `${where}.${list}[${i}].name`,
              message: `every ${list === 'environment' ? 'variable' : 'secret'} needs a name`,
            });
          }
        });
      }
    }
  });
  for (const key of ['taskRoleArn', 'executionRoleArn'] as const) {
    const value = definition[key];
    if (value !== undefined && (typeof value !== 'string' || !isRoleArn(value))) {
      problems.push({
        path: key,
        message: `'${asText(value)}' is not an IAM role ARN (arn:aws:iam::123456789012:role/name)`,
      });
    }
  }
  const sizeProblems = taskSizeProblems(definition);
  problems.push(...sizeProblems);
  const compatibilities = definition['requiresCompatibilities'];
  if (Array.isArray(compatibilities) && compatibilities.includes('FARGATE')) {
    const problem = sizeProblems.length > 0 ? undefined : fargateProblem(definition);
    if (problem !== undefined) problems.push(problem);
    if (definition['networkMode'] !== undefined && definition['networkMode'] !== 'awsvpc') {
      problems.push({ path: 'networkMode', message: "FARGATE needs networkMode 'awsvpc'" });
    }
  }
  return problems;
}
