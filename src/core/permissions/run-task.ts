// ecs-run-task's permission contract: its plan and iam-check both use it.
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import type { LogSource } from '../deploy/log-sources.js';
import { logReadPermissions } from '../deploy/stopped-tasks.js';
import type { RequiredPermission } from '../action/permissions.js';

/** What running a one-off task needs (the action's permission contract). */
export function runTaskPermissions(
  taskDefinitionArn: string,
  clusterArn: string,
  taskDefinition: Pick<TaskDefinition, 'taskRoleArn' | 'executionRoleArn'>,
  sources: readonly LogSource[],
  inputs: { region: string; networkFromService: string | undefined },
  account: string,
): RequiredPermission[] {
  const onCluster = { 'ecs:cluster': clusterArn };
  const tasks = `${clusterArn.replace(':cluster/', ':task/')}/*`;
  const permissions: RequiredPermission[] = [
    {
      action: 'ecs:DescribeTaskDefinition',
      resource: '*',
      write: false,
      reason: 'check the task definition',
    },
    {
      action: 'ecs:RunTask',
      resource: taskDefinitionArn,
      context: onCluster,
      write: true,
      reason: 'run the task',
    },
    {
      action: 'ecs:DescribeTasks',
      resource: tasks,
      context: onCluster,
      write: false,
      reason: 'follow the task',
    },
    {
      action: 'ecs:StopTask',
      resource: tasks,
      context: onCluster,
      write: true,
      reason: 'stop the task when the job is cancelled or the timeout passes',
    },
    ...logReadPermissions(sources, inputs.region, account).map((p) => ({
      ...p,
      reason: "stream the task's log lines",
    })),
  ];
  for (const role of [taskDefinition.taskRoleArn, taskDefinition.executionRoleArn]) {
    if (role !== undefined)
      permissions.push({
        action: 'iam:PassRole',
        resource: role,
        context: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
        write: true,
        reason: "RunTask passes the task definition's roles to ECS",
      });
  }
  if (inputs.networkFromService !== undefined) {
    permissions.push({
      action: 'ecs:DescribeServices',
      resource: `${clusterArn.replace(':cluster/', ':service/')}/${inputs.networkFromService.split('/').at(-1) ?? ''}`,
      context: onCluster,
      write: false,
      reason: "copy the service's network configuration",
    });
  }
  return permissions;
}
