import { ConfigurationError } from '../../core/action/errors.js';
import type { InputReader } from '../../core/action/inputs.js';
import type { ActionContext } from '../../core/action/run.js';
import { resolveRegion } from '../../core/aws/clients.js';

export const STRATEGIES = ['rolling', 'blue-green', 'canary', 'linear'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface DeployInputs {
  region: string;
  cluster: string;
  service: string;
  taskDefinition: string | undefined;
  desiredCount: number | undefined;
  forceNewDeployment: boolean;
  strategy: Strategy;
  waitUntil: 'submitted' | 'complete';
  timeoutMs: number;
  onFailure: 'rollback' | 'none';
}

const TASK_DEFINITION =
  /^(arn:[\w-]+:ecs:[a-z0-9-]+:\d{12}:task-definition\/)?[a-zA-Z0-9_-]{1,255}:\d+$/;

export function readInputs(reader: InputReader, context: Pick<ActionContext, 'env'>): DeployInputs {
  const taskDefinition = reader.optional('task-definition');
  if (taskDefinition !== undefined && !TASK_DEFINITION.test(taskDefinition)) {
    throw new ConfigurationError(
      `Input 'task-definition' must be a task definition ARN or family:revision (the task-definition-arn output of ecs-task-definition), got '${taskDefinition}'.`,
      { input: 'task-definition' },
    );
  }
  const forceNewDeployment = reader.boolean('force-new-deployment', false);
  if (taskDefinition === undefined && !forceNewDeployment) {
    throw new ConfigurationError(
      "Input 'task-definition' is required unless 'force-new-deployment' is true.",
      { input: 'task-definition' },
    );
  }
  const desired = reader.optional('desired-count');
  return {
    region: resolveRegion(reader.optional('aws-region'), context.env),
    cluster: reader.optional('cluster') ?? 'default',
    service: reader.required('service'),
    taskDefinition,
    desiredCount:
      desired === undefined ? undefined : reader.integer('desired-count', { min: 0, max: 5000 }),
    forceNewDeployment,
    strategy: reader.choice('strategy', STRATEGIES, 'rolling'),
    waitUntil: reader.choice('wait-until', ['submitted', 'complete'] as const, 'complete'),
    timeoutMs: reader.duration('timeout', {
      default: 30 * 60_000,
      min: 60_000,
      max: 6 * 3_600_000,
    }),
    onFailure: reader.choice('on-failure', ['rollback', 'none'] as const, 'rollback'),
  };
}
