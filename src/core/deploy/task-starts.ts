// When a deployment's (or task set's) running tasks started: ECS starts the tasks of a service
// deployment or task set with its id as `startedBy`. Followers time their reads by it, from ECS's
// 40 s before a task without health checks counts, or a target group's health checks.
import { DescribeTasksCommand, type ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';

/** The start times (ms) of the running tasks started by `startedBy`, earliest first (at most 100). */
export async function runningTaskStarts(
  ecs: Pick<ECSClient, 'send'>,
  cluster: string,
  startedBy: string,
): Promise<number[]> {
  const arns =
    (await ecs.send(new ListTasksCommand({ cluster, startedBy, desiredStatus: 'RUNNING' })))
      .taskArns ?? [];
  if (arns.length === 0) return [];
  const tasks =
    (await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(0, 100) }))).tasks ?? [];
  return tasks
    .map((t) => t.startedAt?.getTime())
    .filter((t): t is number => t !== undefined)
    .sort((a, b) => a - b);
}
