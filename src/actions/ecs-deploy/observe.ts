import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DescribeClustersCommand,
  type ECSClient,
  type Service,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import { ConfigurationError } from '../../core/action/errors.js';
import type { Logger } from '../../core/action/logger.js';
import { checkAlarmsExist } from '../../core/deploy/analysis.js';
import { imagePlatforms, taskPlatform } from '../../core/ecr/platform.js';
import { checkImages } from '../../core/ecr/verify-images.js';
import { describeTaskDefinition } from '../../core/taskdef/describe.js';
import { observeCodeDeploy } from './codedeploy.js';
import { type DeployInputs, isServiceDeploymentArn } from './inputs.js';
import { type DeployPlan, planDeploy } from './plan.js';

/** Every client a deploy reads or writes through; all required, so no check is ever skipped. */
export interface DeployClients {
  ecs: Pick<ECSClient, 'send'>;
  codedeploy: Pick<CodeDeployClient, 'send'>;
  ecr: Pick<ECRClient, 'send'>;
  cloudwatch: Pick<CloudWatchClient, 'send'>;
  elbv2: Pick<ElasticLoadBalancingV2Client, 'send'>;
}

/**
 * Reads the service, the task definition, its images (in ECR, for the task's platform) and the
 * alarms, then plans the deployment for the service's controller.
 */
export async function observeAndPlan(
  inputs: DeployInputs,
  clients: DeployClients,
  logger: Logger,
  /** The service, as the step's first read found it (action.ts). */
  service: Service,
): Promise<DeployPlan> {
  const { ecs, codedeploy, ecr, cloudwatch } = clients;
  await checkAlarmsExist(cloudwatch, inputs.analysis.alarms);
  const taskDefinition: TaskDefinition | undefined =
    inputs.taskDefinition === undefined
      ? undefined
      : await describeTaskDefinition(ecs, inputs.taskDefinition, 'task-definition');
  if (taskDefinition !== undefined) {
    // An image missing from ECR would only show up as CannotPullContainerError mid-deployment.
    const images = (taskDefinition.containerDefinitions ?? [])
      .map((c) => c.image ?? '')
      .filter((i) => i !== '');
    const checks = await checkImages(ecr, images);
    const missing = checks.filter((check) => check.found === false);
    if (missing.length > 0) {
      throw new ConfigurationError(
        `Image ${missing.map((m) => m.image).join(', ')} of ${taskDefinition.taskDefinitionArn ?? ''} is not in its ECR repository.`,
        {
          input: 'task-definition',
          hint: 'Push it first (ecr-build-push), or register a task definition with an image that exists.',
        },
      );
    }
    // An image built for another platform starts and dies with "exec format error".
    const wanted = taskPlatform(taskDefinition.runtimePlatform);
    for (const check of checks.filter((c) => c.found === true)) {
      const { platforms, note } = await imagePlatforms(ecr, check.image);
      if (platforms === undefined) {
        logger.info(
          `Could not read the platform of ${check.image} (${note ?? 'unknown'}); not checked.`,
        );
      } else if (!platforms.includes(wanted)) {
        throw new ConfigurationError(
          `Image ${check.image} is built for ${platforms.join(', ')}, but ${taskDefinition.taskDefinitionArn ?? ''} runs on ${wanted} (its runtimePlatform${taskDefinition.runtimePlatform === undefined ? ' is not set: Fargate runs LINUX/X86_64' : ''}): its containers would fail to start.`,
          {
            input: 'task-definition',
            hint: `Build for ${wanted} (ecr-build-push platforms), or set runtimePlatform.cpuArchitecture to match the image.`,
          },
        );
      }
    }
  }
  const controller = service.deploymentController?.type ?? 'ECS';
  // A capacity provider strategy must name providers of the cluster: one read tells.
  const clusterCapacityProviders =
    inputs.settings.capacityProviderStrategy === undefined
      ? undefined
      : ((
          await ecs.send(
            new DescribeClustersCommand({ clusters: [service.clusterArn ?? inputs.cluster] }),
          )
        ).clusters?.[0]?.capacityProviders ?? []);
  // A forced new deployment keeps the task definition: its volumes and ports are what the
  // settings are checked against.
  const { ebsVolume, serviceConnect, subnets, securityGroups } = inputs.settings;
  const checksTaskDefinition = [ebsVolume, serviceConnect, subnets, securityGroups].some(
    (setting) => setting !== undefined,
  );
  const runningTaskDefinition =
    taskDefinition === undefined && checksTaskDefinition && service.taskDefinition !== undefined
      ? await describeTaskDefinition(ecs, service.taskDefinition, 'task-definition')
      : undefined;
  const plan =
    controller === 'CODE_DEPLOY' ||
    (inputs.continueDeploymentId !== undefined &&
      !isServiceDeploymentArn(inputs.continueDeploymentId))
      ? await observeCodeDeploy(
          inputs,
          service,
          taskDefinition,
          codedeploy,
          clusterCapacityProviders,
        )
      : planDeploy(inputs, service, taskDefinition, {
          clusterCapacityProviders,
          runningTaskDefinition,
        });
  return plan;
}
