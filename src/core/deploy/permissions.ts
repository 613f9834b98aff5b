import { arnIn, partitionOf } from '../action/permissions.js';
import type { RequiredPermission } from '../action/permissions.js';
import { repositoryOf } from '../ecr/verify-images.js';

/**
 * The permission contracts of deployments: what ecs-deploy, ecs-rollback and the post step call,
 * and where. iam-check writes policies from the same lists.
 */

/** What a rolling deployment of a service needs (the action's permission contract; iam-check uses it too). */
export function rollingDeployPermissions(
  serviceArn: string,
  clusterArn: string,
): RequiredPermission[] {
  return [
    {
      action: 'ecs:DescribeServices',
      resource: serviceArn,
      context: { 'ecs:cluster': clusterArn },
      write: false,
      reason: 'read the service and follow the deployment',
    },
    {
      action: 'ecs:DescribeTaskDefinition',
      resource: '*',
      write: false,
      reason: 'check the task definition is ACTIVE',
    },
    {
      action: 'ecs:UpdateService',
      resource: serviceArn,
      context: { 'ecs:cluster': clusterArn },
      write: true,
      reason: 'start the deployment (and roll it back)',
    },
    ...stoppedTaskPermissions(clusterArn),
    {
      action: 'ecs:ListServiceDeployments',
      resource: serviceArn,
      context: { 'ecs:cluster': clusterArn },
      write: false,
      reason: 'read how the deployment ended',
    },
    ...changeTagPermissions(serviceArn, false),
  ];
}

/** Reading a deployment's tasks: why they stopped, and when the new ones started. */
export function stoppedTaskPermissions(clusterArn: string): RequiredPermission[] {
  return [
    {
      action: 'ecs:ListTasks',
      resource: '*',
      context: { 'ecs:cluster': clusterArn },
      write: false,
      reason: "find the deployment's tasks: the stopped ones, and when the new ones started",
    },
    {
      action: 'ecs:DescribeTasks',
      resource: `${clusterArn.replace(':cluster/', ':task/')}/*`,
      context: { 'ecs:cluster': clusterArn },
      write: false,
      reason: 'show why tasks stopped, and when new tasks started (it times the reads)',
    },
  ];
}

/** The approval step's call; like the stop, it has no resource-level permissions. */
export const CONTINUE_DEPLOYMENT: RequiredPermission = {
  action: 'codedeploy:ContinueDeployment',
  resource: '*',
  write: true,
  reason: 'shift traffic after the approval',
};

/**
 * Following a CodeDeploy deployment of a group, and stopping it with rollback. The target and
 * stop calls have no resource-level permissions: IAM only matches Resource "*" for them.
 */
export function followDeploymentPermissions(groupArn: string): RequiredPermission[] {
  const anyResource = (action: string, write: boolean, reason: string): RequiredPermission => ({
    action,
    resource: '*',
    write,
    reason,
  });
  return [
    {
      action: 'codedeploy:GetDeployment',
      resource: groupArn,
      write: false,
      reason: 'follow the deployment',
    },
    anyResource('codedeploy:ListDeploymentTargets', false, 'follow traffic and tasks'),
    anyResource('codedeploy:BatchGetDeploymentTargets', false, 'follow traffic and tasks'),
    anyResource(
      'codedeploy:StopDeployment',
      true,
      'stop and roll back on failure, timeout or cancellation',
    ),
  ];
}

/** What a CodeDeploy blue/green deployment needs (the action's permission contract; iam-check uses it too). */
export function codeDeployPermissions(options: {
  region: string;
  account: string;
  application: string;
  deploymentGroup: string;
  deploymentConfig: string;
  createConfig: boolean;
  continueStep: boolean;
  serviceArn: string;
  clusterArn: string;
}): RequiredPermission[] {
  const arn = `arn:${partitionOf(options.region)}:codedeploy:${options.region}:${options.account}`;
  const groupArn = `${arn}:deploymentgroup:${options.application}/${options.deploymentGroup}`;
  const permissions: RequiredPermission[] = [
    {
      action: 'ecs:DescribeServices',
      resource: options.serviceArn,
      context: { 'ecs:cluster': options.clusterArn },
      write: false,
      reason: 'read the service',
    },
    ...stoppedTaskPermissions(options.clusterArn),
    {
      action: 'ecs:DescribeTaskDefinition',
      resource: '*',
      write: false,
      reason: 'check the task definition',
    },
    ...deploymentGroupReads(groupArn),
    {
      action: 'codedeploy:GetDeploymentConfig',
      resource: `${arn}:deploymentconfig:${options.deploymentConfig}`,
      write: false,
      reason: 'check the deployment config',
    },
    {
      action: 'codedeploy:CreateDeployment',
      resource: groupArn,
      write: true,
      reason: 'start the deployment',
    },
    {
      action: 'codedeploy:GetApplicationRevision',
      resource: `${arn}:application:${options.application}`,
      write: false,
      reason: 'CreateDeployment reads the revision',
    },
    ...followDeploymentPermissions(groupArn),
    ...changeTagPermissions(options.serviceArn, false),
  ];
  if (options.createConfig) {
    permissions.push({
      action: 'codedeploy:CreateDeploymentConfig',
      resource: `${arn}:deploymentconfig:${options.deploymentConfig}`,
      write: true,
      reason: 'create the traffic config',
    });
  }
  if (options.continueStep) {
    permissions.push(CONTINUE_DEPLOYMENT);
  }
  return permissions;
}

/** The ECR reads of the check that a task definition's images exist before the deployment starts. */
export function imageCheckPermissions(
  region: string,
  account: string,
  images: string[],
): RequiredPermission[] {
  const repositories = [...new Set(images.map((image) => repositoryOf(image)))];
  return repositories.flatMap((repository) =>
    (
      [
        'ecr:DescribeRepositories',
        'ecr:DescribeImages',
        'ecr:BatchGetImage',
        'ecr:GetDownloadUrlForLayer',
      ] as const
    ).map((action) => ({
      action,
      resource: arnIn('ecr', region, account, `repository/${repository}`),
      write: false,
      reason: "check the images exist, for the task's platform, before deploying",
    })),
  );
}

/**
 * The ecs-delivery:last-change tag on the service (see rollback/history.ts): a deploy writes it,
 * a rollback reads and writes it.
 */
export function changeTagPermissions(serviceArn: string, read: boolean): RequiredPermission[] {
  const permissions: RequiredPermission[] = [
    {
      action: 'ecs:TagResource',
      resource: serviceArn,
      write: true,
      reason: 'record what this run changed, for ecs-rollback in a later run',
    },
  ];
  if (read)
    permissions.push({
      action: 'ecs:ListTagsForResource',
      resource: serviceArn,
      write: false,
      reason: 'read the change recorded on the service',
    });
  return permissions;
}

/** Checking a deployment group exists and listing its deployments (the one in flight, earlier ones). */
export function deploymentGroupReads(groupArn: string): RequiredPermission[] {
  return [
    {
      action: 'codedeploy:GetDeploymentGroup',
      resource: groupArn,
      write: false,
      reason: 'check the deployment group',
    },
    {
      action: 'codedeploy:ListDeployments',
      resource: groupArn,
      write: false,
      reason: 'find the deployment in flight (and, for a rollback, earlier ones)',
    },
  ];
}

/** Where a service's service deployments and revisions live (their ARNs, any id). */
export function serviceDeploymentArns(serviceArn: string): {
  deployments: string;
  revisions: string;
} {
  // arn:...:service/<cluster>/<service> -> arn:...:service-deployment/<cluster>/<service>/*
  return {
    deployments: `${serviceArn.replace(':service/', ':service-deployment/')}/*`,
    revisions: `${serviceArn.replace(':service/', ':service-revision/')}/*`,
  };
}

/** What an ECS-native blue/green, canary or linear deployment needs besides a rolling one's reads. */
export interface NativeRun {
  /** This step only continues a paused deployment an earlier step started. */
  continueStep: boolean;
  /** wait-until ready: a continue step (with the same role) resumes the paused hook. */
  readyStep?: boolean;
  /** Roles handed to ECS with UpdateService (lifecycle hooks' roles in the deploymentConfiguration sent). */
  passRoles: string[];
}

/**
 * Service deployments and revisions are authorized by their own ARNs (which name the cluster and
 * service), without the ecs:cluster condition, so a policy with it would not match them.
 */
export function nativeDeployPermissions(
  serviceArn: string,
  clusterArn: string,
  run: NativeRun,
): RequiredPermission[] {
  const { deployments, revisions } = serviceDeploymentArns(serviceArn);
  const inCluster = { 'ecs:cluster': clusterArn };
  const follow: RequiredPermission[] = [
    {
      action: 'ecs:DescribeServiceDeployments',
      resource: deployments,
      write: false,
      reason: 'follow the service deployment: stage, hooks, traffic',
    },
    {
      action: 'ecs:StopServiceDeployment',
      resource: deployments,
      write: true,
      reason: 'roll back (traffic back on the previous revision) on failure or cancel',
    },
    {
      action: 'ecs:DescribeServices',
      resource: serviceArn,
      context: inCluster,
      write: false,
      reason: "read the service and the new revision's tasks",
    },
    ...stoppedTaskPermissions(clusterArn),
  ];
  const resume: RequiredPermission = {
    action: 'ecs:ContinueServiceDeployment',
    resource: deployments,
    write: true,
    reason: 'resume a paused lifecycle hook (the continue step)',
  };
  if (run.continueStep) return [...follow, resume];
  if (run.readyStep === true) follow.push(resume);
  return [
    ...follow,
    {
      action: 'ecs:DescribeTaskDefinition',
      resource: '*',
      write: false,
      reason: 'check the task definition is ACTIVE',
    },
    {
      action: 'ecs:UpdateService',
      resource: serviceArn,
      context: inCluster,
      write: true,
      reason: 'start the deployment (ECS shifts the traffic)',
    },
    {
      action: 'ecs:ListServiceDeployments',
      resource: serviceArn,
      context: inCluster,
      write: false,
      reason: 'find the service deployment UpdateService started',
    },
    {
      action: 'ecs:DescribeServiceRevisions',
      resource: revisions,
      write: false,
      reason: "tell the service deployment by its revision's task definition",
    },
    ...run.passRoles.map((role) => ({
      action: 'iam:PassRole',
      resource: role,
      context: { 'iam:PassedToService': 'ecs.amazonaws.com' },
      write: true,
      reason: 'hand the lifecycle hook role to ECS with the deployment configuration',
    })),
    ...changeTagPermissions(serviceArn, false),
  ];
}

/** Reading the target groups' health checks and deregistration delay (no resource-level permissions). */
export const LB_TIMING_PERMISSIONS: RequiredPermission[] = [
  {
    action: 'elasticloadbalancing:DescribeTargetGroups',
    resource: '*',
    write: false,
    reason: "time the reads by the target groups' health checks",
  },
  {
    action: 'elasticloadbalancing:DescribeTargetGroupAttributes',
    resource: '*',
    write: false,
    reason: "time the reads by the target groups' deregistration delay",
  },
];
