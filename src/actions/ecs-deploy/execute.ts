import type { ECSClient, TaskDefinition } from '@aws-sdk/client-ecs';
import {
  ConfigurationError,
  DeploymentFailedError,
  TimeoutError,
} from '../../core/action/errors.js';
import { formatDuration } from '../../core/action/inputs.js';
import type { ActionContext } from '../../core/action/run.js';
import { TypedState } from '../../core/action/state.js';
import { describeTaskDefinition } from '../../core/taskdef/describe.js';
import {
  describeService,
  followRollingDeployment,
  updateServiceOnce,
} from '../../core/deploy/ecs-rolling.js';
import type { StoppedTasks } from '../../core/deploy/stopped-tasks.js';
import {
  type Analysis,
  AnalysisFailure,
  analysisPermissions,
  checkAlarmsExist,
} from '../../core/deploy/analysis.js';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { rollBackService } from '../../core/rollback/ecs-service.js';
import { recordChange } from '../../core/rollback/history.js';
import type { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import type { ECRClient } from '@aws-sdk/client-ecr';
import { checkImages } from '../../core/ecr/verify-images.js';
import { imagePlatforms, taskPlatform } from '../../core/ecr/platform.js';
import type { Logger } from '../../core/action/logger.js';
import { observeCodeDeploy } from './codedeploy.js';
import type { DeployInputs } from './inputs.js';
import { type DeployPlan, planDeploy } from './plan.js';

type Ecs = Pick<ECSClient, 'send'>;

export interface DeployState extends Record<string, unknown> {
  mode: 'rolling' | 'codedeploy';
  cluster: string;
  service: string;
  region: string;
  previousTaskDefinition: string;
  deploymentId: string;
  finished: boolean;
  githubDeploymentId: number;
}

export async function observeAndPlan(
  inputs: DeployInputs,
  ecs: Ecs,
  codedeploy?: Pick<CodeDeployClient, 'send'>,
  ecr?: Pick<ECRClient, 'send'>,
  cloudwatch?: Pick<CloudWatchClient, 'send'>,
  logger?: Logger,
): Promise<DeployPlan> {
  const service = await describeService(ecs, inputs.cluster, inputs.service);
  if (cloudwatch !== undefined) await checkAlarmsExist(cloudwatch, inputs.analysis.alarms);
  const taskDefinition: TaskDefinition | undefined =
    inputs.taskDefinition === undefined
      ? undefined
      : await describeTaskDefinition(ecs, inputs.taskDefinition, 'task-definition');
  if (taskDefinition !== undefined && ecr !== undefined) {
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
        logger?.info(
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
  const plan =
    codedeploy !== undefined &&
    (controller === 'CODE_DEPLOY' || inputs.continueDeploymentId !== undefined)
      ? await observeCodeDeploy(inputs, service, taskDefinition, codedeploy)
      : planDeploy(inputs, service, taskDefinition);
  plan.permissions.push(
    ...analysisPermissions(
      inputs.analysis,
      inputs.region,
      service.serviceArn?.split(':')[4] ?? '*',
    ),
  );
  return plan;
}

export async function execute(
  plan: DeployPlan,
  inputs: DeployInputs,
  ecs: Ecs,
  context: ActionContext,
  stoppedTasks?: StoppedTasks,
  analysis?: Analysis,
): Promise<void> {
  const state = new TypedState<DeployState>(context.state);
  const started = context.clock.now();
  if (plan.inFlight !== undefined)
    context.logger.warning(
      `Deployment ${plan.inFlight} is still in progress; ECS replaces it with this one.`,
    );
  context.outputs.set('previous-task-definition-arn', plan.previousTaskDefinition ?? '');
  context.outputs.set('strategy', inputs.strategy);
  // Recorded before anything changes, so the post step or ecs-rollback can undo this step.
  state.save('mode', 'rolling');
  state.save('cluster', plan.cluster);
  state.save('service', plan.service);
  state.save('region', plan.region);
  state.save('previousTaskDefinition', plan.previousTaskDefinition ?? '');
  state.save('finished', false);
  if (plan.taskDefinition !== undefined && plan.previousTaskDefinition !== undefined)
    await recordChange(
      ecs,
      plan.serviceArn,
      { kind: 'deploy', from: plan.previousTaskDefinition, to: plan.taskDefinition },
      context.logger,
    );

  const updated = await updateServiceOnce(
    ecs,
    {
      cluster: plan.cluster,
      service: plan.service,
      ...(plan.taskDefinition === undefined ? {} : { taskDefinition: plan.taskDefinition }),
      ...(plan.desiredCount === undefined ? {} : { desiredCount: plan.desiredCount }),
      ...(plan.forceNewDeployment ? { forceNewDeployment: true } : {}),
    },
    context,
  );
  const deploymentId = updated.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
  state.save('deploymentId', deploymentId);
  context.outputs.set('deployment-id', deploymentId);
  context.outputs.set(
    'task-definition-arn',
    plan.taskDefinition ?? plan.previousTaskDefinition ?? '',
  );
  context.logger.info(
    `Started deployment ${deploymentId} of ${plan.cluster}/${plan.service} (${plan.taskDefinition ?? 'new tasks of the same task definition'}).`,
  );

  if (inputs.waitUntil === 'submitted') {
    state.save('finished', true);
    context.outputs.set('status', 'SUBMITTED');
    context.summary
      .heading(`Deployment ${plan.cluster}/${plan.service}`)
      .table(['Deployment', 'Status'], [[deploymentId, 'submitted']]);
    return;
  }
  const follow = {
    ecs,
    cluster: plan.cluster,
    service: plan.service,
    timeoutMs: inputs.timeoutMs,
    clock: context.clock,
    sleep: context.sleep,
    logger: context.logger,
    signal: context.signal,
    ...(stoppedTasks === undefined ? {} : { stoppedTasks }),
  };
  const outcome = await context.logger.group(`Following deployment ${deploymentId}`, async () => {
    try {
      return await followRollingDeployment({
        ...follow,
        deploymentId,
        ...(analysis === undefined ? {} : { analysis }),
      });
    } catch (error) {
      // A deployment that outlives the timeout, or fails its analysis, is a failed one: it is
      // rolled back like any other.
      if (!(error instanceof TimeoutError) && !(error instanceof AnalysisFailure)) throw error;
      return {
        status: 'FAILED' as const,
        reason: error.message,
        rolledBackByEcs: false,
        servingDeploymentId: undefined,
        servingTaskDefinition: undefined,
        polls: 0,
        elapsedMs: context.clock.now() - started,
      };
    }
  });
  let rolledBack = outcome.rolledBackByEcs;
  if (
    outcome.status !== 'COMPLETED' &&
    !rolledBack &&
    inputs.onFailure === 'rollback' &&
    plan.previousTaskDefinition !== undefined
  ) {
    await context.logger.group(`Rolling back to ${plan.previousTaskDefinition}`, () =>
      rollBackService({ ...follow, taskDefinition: plan.previousTaskDefinition ?? '', wait: true }),
    );
    rolledBack = true;
  }
  if (rolledBack && plan.taskDefinition !== undefined) {
    await recordChange(
      ecs,
      plan.serviceArn,
      {
        kind: 'rollback',
        from: plan.taskDefinition,
        to: outcome.rolledBackByEcs
          ? (outcome.servingTaskDefinition ?? plan.previousTaskDefinition ?? '')
          : (plan.previousTaskDefinition ?? ''),
      },
      context.logger,
    );
  }
  state.save('finished', true);
  const duration = context.clock.now() - started;
  context.outputs.set('status', outcome.status);
  context.outputs.set('rolled-back', rolledBack);
  context.outputs.set('reason', outcome.reason);
  context.outputs.set('duration-seconds', Math.round(duration / 1000));
  context.summary
    .heading(`Deployment ${plan.cluster}/${plan.service}`)
    .table(
      ['Deployment', 'Status', 'Task definition', 'Previous', 'Rolled back', 'Duration', 'Checks'],
      [
        [
          deploymentId,
          outcome.status,
          plan.taskDefinition ?? '(same)',
          plan.previousTaskDefinition ?? '—',
          rolledBack ? 'yes' : 'no',
          formatDuration(duration),
          String(outcome.polls),
        ],
      ],
    );
  if (outcome.status !== 'COMPLETED') {
    context.summary.paragraph(`**Reason:** ${outcome.reason}`);
    throw new DeploymentFailedError(
      `Deployment ${deploymentId} of ${plan.cluster}/${plan.service} ${outcome.status === 'REPLACED' ? 'was replaced' : 'failed'}: ${outcome.reason}${rolledBack ? ` The service was rolled back to ${outcome.rolledBackByEcs ? 'its last completed deployment by ECS' : (plan.previousTaskDefinition ?? '')}.` : ''}`,
      {
        deploymentId,
        rolledBack,
        hint: 'The stopped tasks and service events above say why.',
      },
    );
  }
}

/**
 * The post step: when the main step did not finish (the job was cancelled or timed out) while a
 * deployment was in flight, start rolling back to the previous task definition at once.
 */
export async function post(ecs: Ecs, context: ActionContext): Promise<void> {
  const state = new TypedState<DeployState>(context.state);
  if (state.get('finished') !== false) return;
  const cluster = state.get('cluster') ?? '';
  const service = state.get('service') ?? '';
  const previous = state.get('previousTaskDefinition') ?? '';
  if (previous === '') return;
  context.logger.warning(
    `The deploy step did not finish (cancelled or timed out) with deployment ${state.get('deploymentId') ?? '?'} in flight: rolling back to ${previous}.`,
  );
  await rollBackService({
    ecs,
    cluster,
    service,
    taskDefinition: previous,
    wait: false,
    timeoutMs: 60_000,
    clock: context.clock,
    sleep: context.sleep,
    logger: context.logger,
  });
  context.summary
    .heading(`Deployment ${cluster}/${service} cancelled`)
    .paragraph(`Rollback to ${previous} started by the post step.`);
}
