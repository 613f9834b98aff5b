// ecs-task-definition's permission contract: its plan and iam-check both use it.
import { type RequiredPermission, partitionOf } from '../action/permissions.js';

/** The ARN prefix of ECS resources in a region and account, in the region's partition. */
function ecsArn(region: string, account: string): string {
  return `arn:${partitionOf(region)}:ecs:${region}:${account}`;
}

interface TaskDefinitionRun {
  region: string;
  account: string;
  family: string;
  register: boolean;
  taskRoleArn: string | undefined;
  executionRoleArn: string | undefined;
  tags: boolean;
  keepRevisions: number;
  protectClusters: string[];
}

/**
 * What registering a revision (and keeping the last N) needs: the permission contract of this
 * action, used by its pre-flight and by iam-check.
 */
export function taskDefinitionPermissions(options: TaskDefinitionRun): RequiredPermission[] {
  return [
    {
      action: 'ecs:DescribeTaskDefinition',
      resource: '*',
      write: false,
      reason: 'read the latest revision of the family',
    },
    ...(options.register ? registerPermissions(options) : []),
    ...(options.keepRevisions > 0 ? keepRevisionsPermissions(options) : []),
  ];
}

/** Registering the revision, passing its roles, tagging it as it is created. */
function registerPermissions(options: TaskDefinitionRun): RequiredPermission[] {
  const permissions: RequiredPermission[] = [
    {
      action: 'ecs:RegisterTaskDefinition',
      resource: '*',
      write: true,
      reason: 'register the new revision',
    },
  ];
  for (const key of ['taskRoleArn', 'executionRoleArn'] as const) {
    const role = options[key];
    if (role !== undefined) {
      permissions.push({
        action: 'iam:PassRole',
        resource: role,
        context: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
        write: true,
        reason: `pass the ${key === 'taskRoleArn' ? 'task' : 'execution'} role to ECS`,
      });
    }
  }
  if (options.tags) {
    permissions.push({
      action: 'ecs:TagResource',
      resource: `${ecsArn(options.region, options.account)}:task-definition/${options.family}:*`,
      context: { 'ecs:CreateAction': 'RegisterTaskDefinition' },
      write: true,
      reason: 'tag the new revision when it is registered',
    });
  }
  return permissions;
}

/** Deregistering old revisions, sparing what the services of the named clusters use or would roll back to. */
function keepRevisionsPermissions(options: TaskDefinitionRun): RequiredPermission[] {
  const arn = ecsArn(options.region, options.account);
  return [
    {
      action: 'ecs:ListTaskDefinitions',
      resource: '*',
      write: false,
      reason: 'find old revisions',
    },
    {
      action: 'ecs:DeregisterTaskDefinition',
      resource: '*',
      write: true,
      reason: 'deregister revisions beyond keep-revisions',
    },
    ...options.protectClusters.flatMap((cluster): RequiredPermission[] => [
      {
        action: 'ecs:ListServices',
        resource: '*',
        context: { 'ecs:cluster': `${arn}:cluster/${cluster}` },
        write: false,
        reason: `find the services of ${cluster}`,
      },
      {
        action: 'ecs:DescribeServices',
        resource: `${arn}:service/${cluster}/*`,
        write: false,
        reason: `spare the revisions the services of ${cluster} use`,
      },
      {
        action: 'ecs:ListTagsForResource',
        resource: `${arn}:service/${cluster}/*`,
        write: false,
        reason: `spare the revision each service of ${cluster} would roll back to (its recorded change)`,
      },
      {
        action: 'ecs:ListServiceDeployments',
        resource: `${arn}:service/${cluster}/*`,
        write: false,
        reason: `spare the revision each service of ${cluster} would roll back to (its deployment history)`,
      },
      {
        action: 'ecs:DescribeServiceRevisions',
        resource: `${arn}:service-revision/${cluster}/*`,
        write: false,
        reason: `read the task definitions of the deployment history of ${cluster}'s services`,
      },
    ]),
  ];
}
