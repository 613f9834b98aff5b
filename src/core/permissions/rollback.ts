// ecs-rollback's permission contract: its plan and iam-check both use it.
import { partitionOf } from '../action/permissions.js';
import {
  changeTagPermissions,
  deploymentGroupReads,
  followDeploymentPermissions,
  serviceDeploymentArns,
  stoppedTaskPermissions,
} from '../deploy/permissions.js';
import type { RequiredPermission } from '../action/permissions.js';

/** The rollback's permission contract (iam-check and the pre-flight use it). */
export function rollbackPermissions(
  inputs: {
    region: string;
    application: string;
    deploymentGroup: string;
    deploymentConfig: string;
    to: string | undefined;
  },
  observed: { serviceArn: string; clusterArn: string; account: string },
  mode: 'rolling' | 'codedeploy' | 'native',
  /** The step the plan chose (undefined: any, as iam-check sees a workflow). */
  step?: {
    kind: 'none' | 'update-service' | 'stop-codedeploy' | 'codedeploy-deploy' | 'stop-native';
  },
): RequiredPermission[] {
  const { serviceArn, clusterArn } = observed;
  const onService = (action: string, write: boolean, reason: string): RequiredPermission => ({
    action,
    resource: serviceArn,
    context: { 'ecs:cluster': clusterArn },
    write,
    reason,
  });
  const permissions: RequiredPermission[] = [
    onService('ecs:DescribeServices', false, 'read the service and follow the rollback'),
    ...changeTagPermissions(serviceArn, true),
    ...stoppedTaskPermissions(clusterArn),
  ];
  if (inputs.to !== undefined) {
    permissions.push({
      action: 'ecs:DescribeTaskDefinition',
      resource: '*',
      write: false,
      reason: "check the revision named in 'to'",
    });
  }
  if (mode === 'native') return [...permissions, ...nativeRollback(serviceArn, clusterArn, step)];
  if (mode === 'rolling') {
    permissions.push(
      onService('ecs:ListServiceDeployments', false, 'find the previous good deployment'),
      {
        action: 'ecs:DescribeServiceRevisions',
        resource: `${serviceArn.replace(':service/', ':service-revision/')}/*`,
        write: false,
        reason: 'read the task definition of the previous good deployment',
      },
    );
    if (step === undefined || step.kind === 'update-service')
      permissions.push(
        onService('ecs:UpdateService', true, 'return the service to the previous task definition'),
      );
    return permissions;
  }
  const arn = `arn:${partitionOf(inputs.region)}:codedeploy:${inputs.region}:${observed.account}`;
  const groupArn = `${arn}:deploymentgroup:${inputs.application}/${inputs.deploymentGroup}`;
  permissions.push(
    ...deploymentGroupReads(groupArn),
    {
      action: 'codedeploy:BatchGetDeployments',
      resource: groupArn,
      write: false,
      reason: 'read the revisions of earlier deployments',
    },
    ...followDeploymentPermissions(groupArn),
  );
  if (step === undefined || step.kind === 'codedeploy-deploy') {
    permissions.push(
      {
        action: 'codedeploy:CreateDeployment',
        resource: groupArn,
        write: true,
        reason: 'deploy the previous revision',
      },
      {
        action: 'codedeploy:GetDeploymentConfig',
        resource: `${arn}:deploymentconfig:${inputs.deploymentConfig}`,
        write: false,
        reason: 'CreateDeployment reads the deployment config',
      },
      {
        action: 'codedeploy:GetApplicationRevision',
        resource: `${arn}:application:${inputs.application}`,
        write: false,
        reason: 'CreateDeployment reads the revision',
      },
    );
  }
  return permissions;
}

/** ECS-native: stop the deployment in flight with rollback, or deploy the previous revision. */
function nativeRollback(
  serviceArn: string,
  clusterArn: string,
  step: { kind: string } | undefined,
): RequiredPermission[] {
  const inCluster = { 'ecs:cluster': clusterArn };
  // Service deployments and revisions are authorized by their ARNs, without ecs:cluster.
  const on = (
    resource: string,
    action: string,
    write: boolean,
    reason: string,
  ): RequiredPermission => ({
    action,
    resource,
    ...(resource === serviceArn ? { context: inCluster } : {}),
    write,
    reason,
  });
  const { deployments, revisions } = serviceDeploymentArns(serviceArn);
  const permissions = [
    on(
      serviceArn,
      'ecs:ListServiceDeployments',
      false,
      'find the deployment in flight and the previous good one',
    ),
    on(
      revisions,
      'ecs:DescribeServiceRevisions',
      false,
      'read the task definition of a service revision',
    ),
    on(deployments, 'ecs:DescribeServiceDeployments', false, 'follow the rollback'),
  ];
  if (step === undefined || step.kind === 'stop-native')
    permissions.push(
      on(
        deployments,
        'ecs:StopServiceDeployment',
        true,
        'stop the deployment in flight with rollback',
      ),
    );
  if (step === undefined || step.kind === 'update-service')
    permissions.push(
      on(
        serviceArn,
        'ecs:UpdateService',
        true,
        "deploy the previous task definition through the service's strategy",
      ),
    );
  return permissions;
}
