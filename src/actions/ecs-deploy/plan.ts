import type { DeploymentConfiguration, Service, TaskDefinition } from '@aws-sdk/client-ecs';
import { ConfigurationError, DeploymentFailedError } from '../../core/action/errors.js';
import type { ActionPlan } from '../../core/action/run.js';
import {
  type Routing,
  appSpecWithTaskDefinition,
  ecsAppSpec,
  routingOf,
} from '../../core/deploy/codedeploy.js';
import {
  type CustomConfig,
  deploymentConfigFor,
  trafficRoutingConfig,
} from '../../core/deploy/codedeploy-config.js';
import { deployPermissions } from '../../core/permissions/deploy.js';
import { type LogSource, logSources } from '../../core/deploy/log-sources.js';
import { type DeployInputs } from './inputs.js';
import { type SettingsPlan, planSettings } from './settings.js';
import {
  NO_SETTINGS,
  imagesOf,
  refuseSettingsInContinue,
  runOf,
  settingsRun,
  targetGroupsOf,
} from './plan-parts.js';
import { type NativePlan, isNativeDeploy, planNative } from './native-plan.js';

export interface CodeDeployPlan {
  application: string;
  deploymentGroup: string;
  deploymentConfig: string;
  /** A custom config to create first, when the percentage and interval name one that does not exist. */
  createConfig: CustomConfig | undefined;
  appSpec: { content: string; sha256: string };
  containerName: string;
  containerPort: number;
  inFlight: string | undefined;
  /** How long the deployment group keeps the old task set after the shift (undefined: kept). */
  terminationWaitMs: number | undefined;
  /** The deployment group's target groups: their health checks time the follower's reads. */
  targetGroupNames?: string[];
  /** How the config moves traffic, when known before the deployment (the follower's timing). */
  routing?: Routing | undefined;
}

export interface DeployPlan extends ActionPlan {
  mode: 'rolling' | 'codedeploy' | 'native';
  codedeploy: CodeDeployPlan | undefined;
  /** ECS's own BLUE_GREEN, CANARY or LINEAR strategy (mode native). */
  native?: NativePlan | undefined;
  /**
   * strategy recreate: the service's own deploymentConfiguration, restored after a deployment
   * run with minimumHealthyPercent 0 and maximumPercent 100 (every old task stops first).
   */
  recreate?: DeploymentConfiguration | undefined;
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
  /** Where the new task definition's containers log: crashed containers' last lines come from there. */
  logSources: LogSource[];
  /**
   * The service's target groups (rolling and ECS-native): their health checks and deregistration
   * delay time the follower's reads.
   */
  targetGroupArns?: string[];
  /**
   * Whether an essential container of the new task definition has a container health check
   * (undefined when no task definition is deployed): without either that or a load balancer, ECS
   * counts a new task healthy 40 s after it runs, and the follower times its reads by that.
   */
  healthChecked?: boolean | undefined;
  /** The images of the new task definition, as it names them (the summary links ECR's by digest). */
  images: string[];
  /** The service settings this deploy changes, and how. */
  settings: SettingsPlan;
}

/** What observe read for the settings (the cluster's capacity providers, when asked for). */
export interface ObservedSettings {
  clusterCapacityProviders: string[] | undefined;
  /**
   * The task definition the service runs, read when no task-definition is given and a setting
   * is checked against one (a forced new deployment with an EBS volume or Service Connect).
   */
  runningTaskDefinition?: TaskDefinition | undefined;
}

/** Checks what was observed against what is asked, and lists the calls the deployment makes. */
export function planDeploy(
  inputs: DeployInputs,
  service: Service,
  taskDefinition: TaskDefinition | undefined,
  observed: ObservedSettings = { clusterCapacityProviders: undefined },
): DeployPlan {
  const controller = service.deploymentController?.type ?? 'ECS';
  if (controller === 'ECS' && isNativeDeploy(inputs, service))
    return planNative(inputs, service, taskDefinition, observed);
  if ((inputs.strategy === 'rolling' || inputs.strategy === 'recreate') && controller !== 'ECS') {
    throw new ConfigurationError(
      `Strategy '${inputs.strategy}' needs a service on the ECS deployment controller; ${inputs.cluster}/${inputs.service} uses ${controller}, which fits ${controller === 'CODE_DEPLOY' ? 'blue-green, canary and linear' : 'no strategy of this action'}.`,
      { input: 'strategy' },
    );
  }
  if (inputs.strategy !== 'rolling' && inputs.strategy !== 'recreate') {
    throw new ConfigurationError(
      `Strategy '${inputs.strategy}' needs a service on the CODE_DEPLOY deployment controller; ${inputs.cluster}/${inputs.service} uses ${controller}, which fits 'rolling'.`,
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
  refuseForRolling(inputs);
  const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
  // Someone else's deployment, or ECS's circuit-breaker rollback, still in progress.
  const inFlight =
    primary !== undefined && primary.rolloutState === 'IN_PROGRESS' ? primary.id : undefined;
  if (inFlight !== undefined && inputs.onInFlight === 'fail')
    throw new DeploymentFailedError(
      `Deployment ${inFlight} (${primary?.taskDefinition ?? '?'}) of ${inputs.cluster}/${inputs.service}, started ${primary?.createdAt?.toISOString() ?? 'earlier'}, is still in progress (another run, a person, or ECS rolling back): nothing was changed.`,
      {
        hint: 'Run again once it ends, or set on-in-flight: wait to follow it to its end first.',
      },
    );
  const serviceArn = service.serviceArn ?? '';
  const clusterArn = service.clusterArn ?? '';
  const account = serviceArn.split(':')[4] ?? '*';
  const sources = logSources(taskDefinition);
  const settings = planSettings(inputs.settings, {
    service,
    // Without a new task definition the settings apply to the one the service runs.
    taskDefinition: taskDefinition ?? observed.runningTaskDefinition,
    clusterCapacityProviders: observed.clusterCapacityProviders,
    controller: 'ECS',
    where: `${inputs.cluster}/${inputs.service}`,
  });
  return {
    settings,
    mode: 'rolling',
    codedeploy: undefined,
    recreate:
      inputs.strategy === 'recreate'
        ? {
            ...service.deploymentConfiguration,
            minimumHealthyPercent: service.deploymentConfiguration?.minimumHealthyPercent ?? 100,
            maximumPercent: service.deploymentConfiguration?.maximumPercent ?? 200,
          }
        : undefined,
    region: inputs.region,
    cluster: inputs.cluster,
    service: inputs.service,
    serviceArn,
    previousTaskDefinition: primary?.taskDefinition ?? service.taskDefinition,
    previousDesiredCount: service.desiredCount,
    taskDefinition: taskDefinition?.taskDefinitionArn,
    desiredCount: inputs.desiredCount,
    // ECS needs a new deployment for some settings (a capacity provider strategy): asked for then.
    forceNewDeployment: inputs.forceNewDeployment || settings.forceReason !== undefined,
    inFlight,
    logSources: sources,
    targetGroupArns: targetGroupsOf(service),
    healthChecked: healthCheckedOf(taskDefinition),
    images: imagesOf(taskDefinition),
    permissions: deployPermissions({
      ...runOf(inputs, account, serviceArn, clusterArn),
      codedeploy: undefined,
      loadBalanced: targetGroupsOf(service).length > 0,
      logSources: sources,
      images: imagesOf(taskDefinition),
      settings: settingsRun(inputs),
    }),
  };
}

/** Whether an essential container of the task definition has a health check (undefined: none deployed). */
export function healthCheckedOf(taskDefinition: TaskDefinition | undefined): boolean | undefined {
  return taskDefinition?.containerDefinitions?.some(
    (c) => (c.essential ?? true) && c.healthCheck !== undefined,
  );
}

/**
 * Every input either acts or is refused: those that only shape a CodeDeploy deployment, and
 * the ones a rolling deployment cannot honour, are refused before anything is read or written.
 */
function refuseForRolling(inputs: DeployInputs): void {
  const where = `${inputs.cluster}/${inputs.service} is a rolling service (ECS deployment controller)`;
  refuseAbOutsideNative(inputs, where);
  const [first] = inputs.codeDeployOnly;
  if (first !== undefined)
    throw new ConfigurationError(
      `Input '${first}' shapes a CodeDeploy deployment (blue-green, canary, linear), but ${where}: it would do nothing here.`,
      { input: first, hint: `Remove ${inputs.codeDeployOnly.join(', ')} from this step.` },
    );
  if (inputs.waitUntil === 'ready')
    throw new ConfigurationError(
      `Input 'wait-until: ready' waits for a blue/green deployment's test traffic, but ${where}: it has no test traffic to wait for.`,
      { input: 'wait-until', hint: 'Use complete (the default) or submitted.' },
    );
  if (inputs.waitUntil === 'bake' || inputs.ecsBakeMinutes !== undefined)
    throw new ConfigurationError(
      `Input '${inputs.waitUntil === 'bake' ? 'wait-until: bake' : 'ecs-bake-time'}' is about ECS's own bake of a blue/green, canary or linear deployment, but ${where}: it has none.`,
      {
        input: inputs.waitUntil === 'bake' ? 'wait-until' : 'ecs-bake-time',
        hint: 'Use bake-time for the watch after a rolling deployment completes.',
      },
    );
  if (inputs.onInFlight === 'stop')
    throw new ConfigurationError(
      `Input 'on-in-flight: stop' is refused for ${inputs.cluster}/${inputs.service}, a rolling service: the deployment in progress is someone else's, and stopping it would undo their work.`,
      { input: 'on-in-flight', hint: 'Use fail (the default) or wait.' },
    );
}

/** The same for a CodeDeploy deployment: the inputs only a rolling deployment acts on. */
function refuseForCodeDeploy(inputs: DeployInputs): void {
  const where = `${inputs.cluster}/${inputs.service} deploys through CodeDeploy (${inputs.strategy})`;
  refuseAbOutsideNative(inputs, where);
  if (inputs.desiredCount !== undefined)
    throw new ConfigurationError(
      `Input 'desired-count' is not applied by a CodeDeploy deployment, and ${where}: the new task set takes the service's desired count.`,
      {
        input: 'desired-count',
        hint: 'Remove it, and change the desired count on its own (UpdateService desiredCount, or your infrastructure code).',
      },
    );
  if (inputs.forceNewDeployment)
    throw new ConfigurationError(
      `Input 'force-new-deployment' starts a new rolling deployment of the same task definition, but ${where}.`,
      {
        input: 'force-new-deployment',
        hint: 'Deploy a task definition (a new revision if only the image tag moved) instead.',
      },
    );
  if (
    inputs.waitUntil === 'bake' ||
    inputs.ecsBakeMinutes !== undefined ||
    inputs.hookId !== undefined
  )
    throw new ConfigurationError(
      `Input '${inputs.hookId !== undefined ? 'hook-id' : inputs.waitUntil === 'bake' ? 'wait-until: bake' : 'ecs-bake-time'}' is for ECS's own blue/green, canary and linear strategies, but ${where}.`,
      {
        input:
          inputs.hookId !== undefined
            ? 'hook-id'
            : inputs.waitUntil === 'bake'
              ? 'wait-until'
              : 'ecs-bake-time',
        hint: "Use bake-time (it runs during CodeDeploy's termination wait) and wait-until ready or complete.",
      },
    );
  const percent = inputs.trafficPercentage;
  if (percent !== undefined && (!Number.isInteger(percent) || percent > 99))
    throw new ConfigurationError(
      `CodeDeploy's canary and linear configs take a whole percentage from 1 to 99; traffic-percentage is ${percent}.`,
      { input: 'traffic-percentage' },
    );
  if (inputs.strategy === 'blue-green' && inputs.trafficPercentage !== undefined)
    throw new ConfigurationError(
      "Inputs 'traffic-percentage' and 'traffic-interval' set the steps of a canary or linear deployment; blue-green moves all traffic at once.",
      {
        input: 'traffic-percentage',
        hint: 'Use strategy: canary or linear for steps, or remove them.',
      },
    );
}

export interface ObservedCodeDeploy {
  groupExists: boolean;
  configExists: boolean;
  inFlight: string | undefined;
  terminationWaitMs: number | undefined;
  /** The deployment group's pair of target groups. */
  targetGroupNames?: string[] | undefined;
  /** The config's traffic routing, as read (when it exists). */
  routing?: Routing | undefined;
  account: string;
  clusterCapacityProviders?: string[] | undefined;
}

/** Plans a CodeDeploy blue/green (all at once, canary or linear) deployment of an ECS service. */
export function planCodeDeploy(
  inputs: DeployInputs,
  service: Service,
  taskDefinition: TaskDefinition | undefined,
  observed: ObservedCodeDeploy,
  appSpecFile:
    { content: string; sha256: string; containerName: string; containerPort: number } | undefined,
): DeployPlan {
  refuseControllerMismatch(inputs, service);
  refuseForCodeDeploy(inputs);
  if (inputs.continueDeploymentId !== undefined)
    return planContinueStep(inputs, service, taskDefinition, observed);
  const target = deployableTaskDefinition(inputs, taskDefinition, observed);
  const { name, custom } = deploymentConfigFor(inputs);
  const settings = planSettings(inputs.settings, {
    service,
    taskDefinition: target,
    clusterCapacityProviders: observed.clusterCapacityProviders,
    controller: 'CODE_DEPLOY',
    where: `${inputs.cluster}/${inputs.service}`,
  });
  const { containerName, containerPort } = appSpecTarget(service, target, appSpecFile);
  const serviceArn = service.serviceArn ?? '';
  const clusterArn = service.clusterArn ?? '';
  const sources = logSources(target);
  const permissions = deployPermissions({
    ...runOf(inputs, observed.account, serviceArn, clusterArn),
    // A CodeDeploy ECS deployment always has its target groups: their health checks time reads.
    loadBalanced: true,
    codedeploy: {
      application: inputs.application,
      deploymentGroup: inputs.deploymentGroup,
      deploymentConfig: name,
      createConfig: custom !== undefined && !observed.configExists,
      readyStep: inputs.waitUntil === 'ready',
      continueStep: false,
      bakeRedeploy: bakeOutlastsTerminationWait(inputs.bakeMs, observed.terminationWaitMs),
      serviceUpdates: Object.keys(settings.update),
    },
    logSources: sources,
    images: imagesOf(target),
    settings: settingsRun(inputs),
  });
  return {
    mode: 'codedeploy',
    codedeploy: {
      application: inputs.application,
      deploymentGroup: inputs.deploymentGroup,
      deploymentConfig: name,
      createConfig: observed.configExists ? undefined : custom,
      appSpec:
        inputs.appSpec !== undefined && appSpecFile !== undefined
          ? appSpecWithTaskDefinition(
              inputs.appSpec.document,
              target.taskDefinitionArn ?? '',
              settings.appSpec,
            )
          : ecsAppSpec(
              target.taskDefinitionArn ?? '',
              containerName,
              containerPort,
              settings.appSpec,
            ),
      containerName,
      containerPort,
      inFlight: observed.inFlight,
      terminationWaitMs: observed.terminationWaitMs,
      targetGroupNames: observed.targetGroupNames ?? [],
      routing:
        observed.routing ??
        (custom === undefined ? undefined : routingOf(trafficRoutingConfig(custom))),
    },
    region: inputs.region,
    cluster: inputs.cluster,
    service: inputs.service,
    serviceArn,
    previousTaskDefinition: service.taskDefinition,
    previousDesiredCount: service.desiredCount,
    taskDefinition: target.taskDefinitionArn,
    desiredCount: undefined,
    forceNewDeployment: false,
    inFlight: observed.inFlight,
    logSources: sources,
    images: imagesOf(target),
    permissions,
    settings,
  };
}

/** The A/B inputs act on the test listener rule of an ECS-native deployment only. */
function refuseAbOutsideNative(inputs: DeployInputs, where: string): void {
  if (inputs.abCondition === undefined) return;
  const input =
    inputs.abCondition.kind === 'header' ? 'test-traffic-header' : 'test-traffic-cookie';
  throw new ConfigurationError(
    `Input '${input}' sends some requests to the new version through the test listener rule of an ECS-native blue/green deployment, but ${where}.`,
    {
      input,
      hint: "Use it with strategy blue-green (canary, linear) on a service with ECS's own strategy and a test listener rule.",
    },
  );
}

/** The strategy and the service's deployment controller must agree; the error names both. */
function refuseControllerMismatch(inputs: DeployInputs, service: Service): void {
  const controller = service.deploymentController?.type ?? 'ECS';
  if (controller !== 'CODE_DEPLOY') {
    throw new ConfigurationError(
      `Strategy '${inputs.strategy}' needs a service on the CODE_DEPLOY deployment controller; ${inputs.cluster}/${inputs.service} uses ${controller}, which fits 'rolling'.`,
      { input: 'strategy' },
    );
  }
  if (inputs.strategy === 'rolling' || inputs.strategy === 'recreate') {
    throw new ConfigurationError(
      `Strategy '${inputs.strategy}' needs a service on the ECS deployment controller; ${inputs.cluster}/${inputs.service} uses CODE_DEPLOY, which fits blue-green, canary and linear.`,
      { input: 'strategy' },
    );
  }
}

/** The approval step: only ContinueDeployment and following; the deployment was planned before. */
function planContinueStep(
  inputs: DeployInputs,
  service: Service,
  taskDefinition: TaskDefinition | undefined,
  observed: ObservedCodeDeploy,
): DeployPlan {
  refuseSettingsInContinue(inputs, 'created');
  return {
    settings: NO_SETTINGS,
    mode: 'codedeploy',
    codedeploy: {
      application: inputs.application,
      deploymentGroup: inputs.deploymentGroup,
      deploymentConfig: '',
      createConfig: undefined,
      appSpec: { content: '', sha256: '' },
      // What a redeploy of the previous revision routes to, should the bake fail late.
      containerName: service.loadBalancers?.[0]?.containerName ?? '',
      containerPort: service.loadBalancers?.[0]?.containerPort ?? 0,
      inFlight: undefined,
      terminationWaitMs: observed.terminationWaitMs,
      targetGroupNames: observed.targetGroupNames ?? [],
    },
    region: inputs.region,
    cluster: inputs.cluster,
    service: inputs.service,
    serviceArn: service.serviceArn ?? '',
    previousTaskDefinition: service.taskDefinition,
    previousDesiredCount: service.desiredCount,
    taskDefinition: taskDefinition?.taskDefinitionArn,
    desiredCount: undefined,
    forceNewDeployment: false,
    inFlight: undefined,
    logSources: [],
    images: [],
    permissions: deployPermissions({
      ...runOf(inputs, observed.account, service.serviceArn ?? '', service.clusterArn ?? ''),
      loadBalanced: true,
      codedeploy: {
        application: inputs.application,
        deploymentGroup: inputs.deploymentGroup,
        deploymentConfig: '',
        createConfig: false,
        readyStep: false,
        continueStep: true,
        bakeRedeploy: bakeOutlastsTerminationWait(inputs.bakeMs, observed.terminationWaitMs),
        serviceUpdates: [],
      },
      logSources: [],
      images: [],
      settings: {},
    }),
  };
}

/**
 * The task definition to deploy, refused before any write when CodeDeploy could not deploy it:
 * missing or inactive, the group busy (on-in-flight: fail), missing, or the config unknown.
 */
function deployableTaskDefinition(
  inputs: DeployInputs,
  taskDefinition: TaskDefinition | undefined,
  observed: ObservedCodeDeploy,
): TaskDefinition {
  if (taskDefinition === undefined) {
    throw new ConfigurationError(
      "Input 'task-definition' is required for a CodeDeploy deployment.",
      { input: 'task-definition' },
    );
  }
  if (taskDefinition.status !== 'ACTIVE') {
    throw new ConfigurationError(
      `Task definition ${taskDefinition.taskDefinitionArn ?? ''} is ${taskDefinition.status ?? 'not ACTIVE'}; ECS will not deploy it.`,
      {
        input: 'task-definition',
      },
    );
  }
  if (observed.inFlight !== undefined && inputs.onInFlight === 'fail')
    throw new DeploymentFailedError(
      `Deployment ${observed.inFlight} of ${inputs.application}/${inputs.deploymentGroup} is still in progress.`,
      { hint: 'Wait for it, or set on-in-flight: wait or stop (stop rolls it back first).' },
    );
  if (!observed.groupExists) {
    throw new ConfigurationError(
      `CodeDeploy deployment group ${inputs.deploymentGroup} of application ${inputs.application} does not exist.`,
      {
        input: 'codedeploy-deployment-group',
        hint: 'Create it for the service (the README shows how), or name yours in codedeploy-application and codedeploy-deployment-group.',
      },
    );
  }
  const { name, custom } = deploymentConfigFor(inputs);
  if (!observed.configExists && custom === undefined) {
    throw new ConfigurationError(`CodeDeploy does not know the deployment config '${name}'.`, {
      input: 'deployment-config',
      hint: 'Use a CodeDeployDefault.ECS* config, one of yours, or traffic-percentage with traffic-interval.',
    });
  }
  return taskDefinition;
}

/** The container and port the AppSpec routes traffic to, checked against the task definition. */
function appSpecTarget(
  service: Service,
  taskDefinition: TaskDefinition,
  appSpecFile: { containerName: string; containerPort: number } | undefined,
): { containerName: string; containerPort: number } {
  const balancer = service.loadBalancers?.[0];
  const containerName = appSpecFile?.containerName ?? balancer?.containerName ?? '';
  const containerPort = appSpecFile?.containerPort ?? balancer?.containerPort ?? 0;
  const container = taskDefinition.containerDefinitions?.find((c) => c.name === containerName);
  if (
    container === undefined ||
    !(container.portMappings ?? []).some((m) => m.containerPort === containerPort)
  ) {
    throw new ConfigurationError(
      `The AppSpec routes traffic to container '${containerName}' port ${containerPort}, which ${container === undefined ? 'is not in' : 'has no such port in'} ${taskDefinition.taskDefinitionArn ?? ''}; it has ${(taskDefinition.containerDefinitions ?? []).map((c) => `${c.name ?? ''} (${(c.portMappings ?? []).map((m) => m.containerPort).join(', ') || 'no ports'})`).join(', ')}.`,
      { input: 'task-definition' },
    );
  }
  return { containerName, containerPort };
}

/** Whether the bake outlasts the old task set, so a late failure needs a new deployment. */
export function bakeOutlastsTerminationWait(
  bakeMs: number,
  terminationWaitMs: number | undefined,
): boolean {
  return bakeMs > 0 && terminationWaitMs !== undefined && terminationWaitMs < bakeMs;
}
