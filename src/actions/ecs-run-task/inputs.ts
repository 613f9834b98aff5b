import type { TaskVolumeConfiguration } from '@aws-sdk/client-ecs';
import { readEbsVolume } from '../../core/taskdef/ebs.js';
import { ConfigurationError } from '../../core/action/errors.js';
import { resolveRegion } from '../../core/aws/region.js';
import type { Context, Reader } from './contract.js';

export interface RunTaskInputs {
  region: string;
  cluster: string;
  taskDefinition: string;
  /** The container the command and environment overrides go to (default: the first essential one). */
  container: string | undefined;
  command: string[] | undefined;
  environment: Map<string, string>;
  launchType: 'FARGATE' | 'EC2' | 'EXTERNAL' | undefined;
  subnets: string[];
  securityGroups: string[];
  assignPublicIp: boolean;
  /** Take subnets and security groups from this service's network configuration. */
  networkFromService: string | undefined;
  startedBy: string;
  wait: boolean;
  timeoutMs: number;
  /** A managed EBS volume for the task's volume configured at launch. */
  ebsVolume: TaskVolumeConfiguration | undefined;
}

const TASK_DEFINITION =
  /^(arn:[\w-]+:ecs:[a-z0-9-]+:\d{12}:task-definition\/)?[a-zA-Z0-9_-]{1,255}(:\d+)?$/;

/**
 * A command as a JSON or YAML list (`["npm", "run", "migrate"]`), or one line split on spaces
 * with single or double quotes keeping words together (`npm run migrate -- --to "v 2"`).
 */
export function parseCommand(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) {
      throw new ConfigurationError(
        `Input 'command' starts with '[' but is not a JSON list of strings, e.g. ["npm", "run", "migrate"].`,
        { input: 'command' },
      );
    }
    return parsed;
  }
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (const char of trimmed) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started) parts.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (quote !== undefined) {
    throw new ConfigurationError(`Input 'command' has an unclosed ${quote} quote.`, {
      input: 'command',
    });
  }
  if (started) parts.push(current);
  return parts;
}

export function readInputs(reader: Reader, context: Pick<Context, 'env'>): RunTaskInputs {
  const taskDefinition = reader.required('task-definition');
  if (!TASK_DEFINITION.test(taskDefinition)) {
    throw new ConfigurationError(
      `Input 'task-definition' must be a task definition ARN, family:revision or family, got '${taskDefinition}'.`,
      { input: 'task-definition' },
    );
  }
  const commandText = reader.optional('command');
  const command = commandText === undefined ? undefined : parseCommand(commandText);
  if (command?.length === 0) {
    throw new ConfigurationError("Input 'command' is empty.", { input: 'command' });
  }
  const subnets = reader.list('subnets');
  const networkFromService = reader.optional('network-from-service');
  if (networkFromService !== undefined && subnets.length > 0) {
    throw new ConfigurationError(
      "Give either 'subnets' (with 'security-groups') or 'network-from-service', not both.",
      { input: 'network-from-service' },
    );
  }
  for (const subnet of subnets) {
    if (!/^subnet-[0-9a-f]{8,17}$/.test(subnet))
      throw new ConfigurationError(`Input 'subnets': '${subnet}' is not a subnet id (subnet-…).`, {
        input: 'subnets',
      });
  }
  const securityGroups = reader.list('security-groups');
  for (const group of securityGroups) {
    if (!/^sg-[0-9a-f]{8,17}$/.test(group))
      throw new ConfigurationError(
        `Input 'security-groups': '${group}' is not a security group id (sg-…).`,
        { input: 'security-groups' },
      );
  }
  return {
    region: resolveRegion(reader.optional('aws-region'), context.env),
    cluster: reader.optional('cluster') ?? 'default',
    taskDefinition,
    container: reader.optional('container'),
    command,
    environment: reader.keyValues('environment'),
    launchType: reader.choice('launch-type', ['FARGATE', 'EC2', 'EXTERNAL'] as const),
    subnets,
    securityGroups,
    assignPublicIp: reader.boolean('assign-public-ip', false),
    networkFromService,
    startedBy: reader.optional('started-by') ?? 'ecs-delivery',
    ebsVolume: readEbsVolume(reader, 'task'),
    wait: reader.boolean('wait', true),
    timeoutMs: reader.duration('timeout', {
      default: 30 * 60_000,
      min: 10_000,
      max: 12 * 3_600_000,
    }),
  };
}
