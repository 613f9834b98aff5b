// Where a task definition's containers log (pure: read with the inputs, before any client loads).
import type { TaskDefinition } from '@aws-sdk/client-ecs';

/** Where a container's output goes with the awslogs driver. */
export interface LogSource {
  container: string;
  group: string;
  region: string | undefined;
  streamPrefix: string | undefined;
}

/** The containers of a task definition that log to CloudWatch Logs, and where. */
export function logSources(taskDefinition: TaskDefinition | undefined): LogSource[] {
  const sources: LogSource[] = [];
  for (const container of taskDefinition?.containerDefinitions ?? []) {
    const log = container.logConfiguration;
    const group = log?.options?.['awslogs-group'];
    if (log?.logDriver !== 'awslogs' || group === undefined || container.name === undefined)
      continue;
    sources.push({
      container: container.name,
      group,
      region: log.options?.['awslogs-region'],
      streamPrefix: log.options?.['awslogs-stream-prefix'],
    });
  }
  return sources;
}
