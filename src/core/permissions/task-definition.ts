// ecs-task-definition's permission contract: its plan and iam-check both use it.
import type { RequiredPermission } from '../action/permissions.js';

/** The ARN prefix for this family's resources; the account comes from what was observed. */
function familyArn(region: string, account: string, family: string): string {
  const partition = region.startsWith('cn-')
    ? 'aws-cn'
    : region.startsWith('us-gov-')
      ? 'aws-us-gov'
      : 'aws';
  return `arn:${partition}:ecs:${region}:${account}:task-definition/${family}`;
}

/**
 * What registering a revision (and keeping the last N) needs: the permission contract of this
 * action, used by its pre-flight and by iam-check.
 */
export function taskDefinitionPermissions(options: {
  region: string;
  account: string;
  family: string;
  register: boolean;
  taskRoleArn: string | undefined;
  executionRoleArn: string | undefined;
  tags: boolean;
  keepRevisions: number;
  protectClusters: string[];
}): RequiredPermission[] {
  const permissions: RequiredPermission[] = [
    {
      action: 'ecs:DescribeTaskDefinition',
      resource: '*',
      write: false,
      reason: 'read the latest revision of the family',
    },
  ];
  if (options.register) {
    permissions.push({
      action: 'ecs:RegisterTaskDefinition',
      resource: '*',
      write: true,
      reason: 'register the new revision',
    });
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
        resource: `${familyArn(options.region, options.account, options.family)}:*`,
        context: { 'ecs:CreateAction': 'RegisterTaskDefinition' },
        write: true,
        reason: 'tag the new revision when it is registered',
      });
    }
  }
  if (options.keepRevisions > 0) {
    permissions.push(
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
    );
    for (const cluster of options.protectClusters) {
      const clusterArn = `arn:aws:ecs:${options.region}:${options.account}:cluster/${cluster}`;
      permissions.push(
        {
          action: 'ecs:ListServices',
          resource: '*',
          context: { 'ecs:cluster': clusterArn },
          write: false,
          reason: `find the services of ${cluster}`,
        },
        {
          action: 'ecs:DescribeServices',
          resource: `arn:aws:ecs:${options.region}:${options.account}:service/${cluster}/*`,
          write: false,
          reason: `spare the revisions the services of ${cluster} use`,
        },
        {
          action: 'ecs:ListTagsForResource',
          resource: `arn:aws:ecs:${options.region}:${options.account}:service/${cluster}/*`,
          write: false,
          reason: `spare the revision each service of ${cluster} would roll back to (its recorded change)`,
        },
        {
          action: 'ecs:ListServiceDeployments',
          resource: `arn:aws:ecs:${options.region}:${options.account}:service/${cluster}/*`,
          write: false,
          reason: `spare the revision each service of ${cluster} would roll back to (its deployment history)`,
        },
        {
          action: 'ecs:DescribeServiceRevisions',
          resource: `arn:aws:ecs:${options.region}:${options.account}:service-revision/${cluster}/*`,
          write: false,
          reason: `read the task definitions of the deployment history of ${cluster}'s services`,
        },
      );
    }
  }
  return permissions;
}
