import type { Service, TaskDefinition } from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../../core/action/errors.js';
import type { ActionPlan } from '../../core/action/run.js';
import type { DeployInputs } from './inputs.js';

export interface DeployPlan extends ActionPlan {
  region: string;
  cluster: string;
  service: string;
  serviceArn: string;
  /** The task definition the service runs now: the rollback target. */
  previousTaskDefinition: string | undefined;
  previousDesiredCount: number | undefined;
  taskDefinition: string | undefined;
  desiredCount: number | undefined;
  forceNewDeployment: boolean;
  inFlight: string | undefined;
}

/** Checks what was observed against what is asked, and lists the calls the deployment makes. */
export function planDeploy(
  inputs: DeployInputs,
  service: Service,
  taskDefinition: TaskDefinition | undefined,
): DeployPlan {
  const controller = service.deploymentController?.type ?? 'ECS';
  if (inputs.strategy === 'rolling' && controller !== 'ECS') {
    throw new ConfigurationError(
      `Strategy 'rolling' needs a service on the ECS deployment controller; ${inputs.cluster}/${inputs.service} uses ${controller}, which fits ${controller === 'CODE_DEPLOY' ? 'blue-green, canary and linear' : 'no strategy of this action'}.`,
      { input: 'strategy' },
    );
  }
  if (inputs.strategy !== 'rolling') {
    throw new ConfigurationError(
      `Strategy '${inputs.strategy}' is not available in this version of ecs-deploy yet; use 'rolling'.`,
      { input: 'strategy' },
    );
  }
  if (taskDefinition !== undefined && taskDefinition.status !== 'ACTIVE') {
    throw new ConfigurationError(
      `Task definition ${taskDefinition.taskDefinitionArn ?? ''} is ${taskDefinition.status ?? 'not ACTIVE'}; ECS will not deploy it.`,
      {
        input: 'task-definition',
        hint: 'Register a new revision (ecs-task-definition) and deploy that.',
      },
    );
  }
  const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
  const inFlight =
    primary !== undefined && primary.rolloutState === 'IN_PROGRESS' ? primary.id : undefined;
  const serviceArn = service.serviceArn ?? '';
  const clusterArn = service.clusterArn ?? '';
  return {
    region: inputs.region,
    cluster: inputs.cluster,
    service: inputs.service,
    serviceArn,
    previousTaskDefinition: primary?.taskDefinition ?? service.taskDefinition,
    previousDesiredCount: service.desiredCount,
    taskDefinition: taskDefinition?.taskDefinitionArn,
    desiredCount: inputs.desiredCount,
    forceNewDeployment: inputs.forceNewDeployment,
    inFlight,
    permissions: [
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
      {
        action: 'ecs:ListTasks',
        resource: '*',
        context: { 'ecs:cluster': clusterArn },
        write: false,
        reason: 'find stopped tasks of the deployment',
      },
      {
        action: 'ecs:DescribeTasks',
        resource: `${clusterArn.replace(':cluster/', ':task/')}/*`,
        context: { 'ecs:cluster': clusterArn },
        write: false,
        reason: 'show why tasks stopped',
      },
      {
        action: 'ecs:ListServiceDeployments',
        resource: serviceArn,
        context: { 'ecs:cluster': clusterArn },
        write: false,
        reason: 'read how the deployment ended',
      },
    ],
  };
}
