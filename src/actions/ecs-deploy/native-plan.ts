// Plans a deployment through ECS's own BLUE_GREEN, CANARY or LINEAR strategy (ECS controller):
// the deploymentConfiguration the step sets (it stays the service's, as UpdateService makes it),
// and every refusal before any write.
import type { DeploymentConfiguration, Service, TaskDefinition } from '@aws-sdk/client-ecs';
import { ConfigurationError, DeploymentFailedError } from '../../core/action/errors.js';
import { type NativeStrategy, isNativeStrategy } from '../../core/deploy/ecs-native.js';
import { logSources } from '../../core/deploy/log-sources.js';
import { type AbCondition, abPermissions, listenerOfRule } from '../../core/deploy/test-traffic.js';
import { deployPermissions } from '../../core/permissions/deploy.js';
import { type DeployInputs, isServiceDeploymentArn } from './inputs.js';
import type { DeployPlan, ObservedSettings } from './plan.js';
import {
  NO_SETTINGS,
  imagesOf,
  refuseSettingsInContinue,
  runOf,
  settingsRun,
  targetGroupsOf,
} from './plan-parts.js';
import { planSettings } from './settings.js';

export interface NativePlan {
  strategy: NativeStrategy;
  /** The strategy the service had before this step (ROLLING when it had none). */
  serviceStrategy: string;
  /** Sent with UpdateService when this step changes the service's deploymentConfiguration. */
  deploymentConfiguration: DeploymentConfiguration | undefined;
  /** What the step changes in the service's deploymentConfiguration, one line each. */
  changes: string[];
  /** The production traffic steps, in words. */
  steps: string;
  /** ECS's own bake, in minutes. */
  ecsBakeMinutes: number;
  /** The continue step: the paused service deployment it resumes. */
  continueArn: string | undefined;
  /** A/B: the condition set on the test listener rule while the deployment runs. */
  ab?: { condition: AbCondition; ruleArn: string } | undefined;
  /** The service's test listener rule, whose own conditions an A/B step restores at the end. */
  testRule?: string | undefined;
}

/**
 * The A/B split sits on the service's test listener rule, which must be on the production
 * listener: a request there that matches it reaches the test target, every other one the
 * production rule. Refused before any write otherwise.
 */
function abPlan(inputs: DeployInputs, service: Service): NativePlan['ab'] {
  const condition = inputs.abCondition;
  if (condition === undefined) return undefined;
  const input = condition.kind === 'header' ? 'test-traffic-header' : 'test-traffic-cookie';
  const advanced = service.loadBalancers?.[0]?.advancedConfiguration;
  const test = advanced?.testListenerRule;
  const production = advanced?.productionListenerRule ?? '';
  if (test === undefined)
    throw new ConfigurationError(
      `Input '${input}' sets the A/B condition on the service's test listener rule, but ${where(inputs)} has none (advancedConfiguration.testListenerRule).`,
      {
        input,
        hint: 'Add a test listener rule on the production listener to the service, or remove the input.',
      },
    );
  if (listenerOfRule(test) !== listenerOfRule(production))
    throw new ConfigurationError(
      `Input '${input}' needs the test listener rule on the production listener, so that production requests with the ${condition.kind} reach the new version; ${test} is on listener ${listenerOfRule(test)}, the production rule on ${listenerOfRule(production)}. Nothing was changed.`,
      {
        input,
        hint: 'Create the test rule on the production listener with a higher priority (a lower number) than the production rule, and name it in advancedConfiguration.testListenerRule.',
      },
    );
  if (inputs.waitUntil === 'submitted')
    throw new ConfigurationError(
      `Input '${input}' changes the test listener rule until the deployment ends, but 'wait-until: submitted' leaves no step to put it back.`,
      { input: 'wait-until', hint: 'Use ready (then a continue step), bake or complete.' },
    );
  return { condition, ruleArn: test };
}

const BY_INPUT: Record<string, NativeStrategy> = {
  'blue-green': 'BLUE_GREEN',
  canary: 'CANARY',
  linear: 'LINEAR',
};

/** Inputs that shape a CodeDeploy deployment only. */
const CODEDEPLOY_NAMES = [
  'codedeploy-application',
  'codedeploy-deployment-group',
  'deployment-config',
  'appspec',
];

/** Whether a deploy to this ECS-controller service goes through ECS's own strategies. */
export function isNativeDeploy(inputs: DeployInputs, service: Service): boolean {
  return (
    inputs.strategy in BY_INPUT ||
    isNativeStrategy(service.deploymentConfiguration?.strategy) ||
    isServiceDeploymentArn(inputs.continueDeploymentId)
  );
}

function where(inputs: DeployInputs): string {
  return `${inputs.cluster}/${inputs.service}`;
}

/** The service must be able to run the strategy: ECS needs its load balancer's advancedConfiguration. */
function refuseService(inputs: DeployInputs, service: Service, strategy: NativeStrategy): void {
  const current = service.deploymentConfiguration?.strategy;
  if (!(inputs.strategy in BY_INPUT) && isNativeStrategy(current))
    throw new ConfigurationError(
      `${where(inputs)} deploys with ECS's own ${current} strategy, but this step asks for strategy '${inputs.strategy}'${inputs.strategy === 'rolling' ? ' (the default)' : ''}: ecs-deploy does not change a service's strategy unless told to, so nothing was changed.`,
      {
        input: 'strategy',
        hint: `Set strategy: ${Object.entries(BY_INPUT).find(([, v]) => v === current)?.[0] ?? 'canary'} to deploy through it, or change the service's deploymentConfiguration.strategy to ROLLING in your infrastructure code.`,
      },
    );
  const balancers = service.loadBalancers ?? [];
  const missing = balancers.length === 0 || balancers.some((b) => !b.advancedConfiguration);
  if (missing)
    throw new ConfigurationError(
      `Strategy '${inputs.strategy}' on ${where(inputs)} (ECS deployment controller) deploys through ECS's own ${strategy} strategy, which needs ${balancers.length === 0 ? 'a load balancer' : "each load balancer's advancedConfiguration"}: an alternate target group, the production listener rule (and a test listener rule for test traffic) and the role ECS moves them with. The service has ${balancers.length === 0 ? 'no load balancer' : 'none'}, so nothing was changed.`,
      {
        input: 'strategy',
        hint: 'Add loadBalancers[].advancedConfiguration {alternateTargetGroupArn, productionListenerRule, testListenerRule, roleArn} to the service (AWS guide: "Amazon ECS blue/green deployments"), use strategy: rolling, or move the service to the CODE_DEPLOY controller for CodeDeploy.',
      },
    );
}

/** Inputs a native deployment cannot honour, refused before any read or write. */
function refuseInputs(inputs: DeployInputs, strategy: NativeStrategy): void {
  const cd = CODEDEPLOY_NAMES.find((name) => inputs.codeDeployOnly.includes(name));
  if (cd !== undefined)
    throw new ConfigurationError(
      `Input '${cd}' shapes a CodeDeploy deployment, but ${where(inputs)} is on the ECS controller: ${inputs.strategy} runs through ECS's own ${strategy} strategy, without CodeDeploy.`,
      {
        input: cd,
        hint: 'Remove it; traffic-percentage, traffic-interval and ecs-bake-time shape ECS-native steps.',
      },
    );
  const percent = inputs.trafficPercentage;
  if (strategy === 'BLUE_GREEN' && percent !== undefined)
    throw new ConfigurationError(
      "Inputs 'traffic-percentage' and 'traffic-interval' set the steps of a canary or linear deployment; blue-green moves all traffic at once.",
      {
        input: 'traffic-percentage',
        hint: 'Use strategy: canary or linear for steps, or remove them.',
      },
    );
  if (strategy === 'LINEAR' && percent !== undefined && percent < 3)
    throw new ConfigurationError(
      `ECS's linear strategy moves 3% to 100% a step (stepPercent); traffic-percentage ${percent} is below that.`,
      { input: 'traffic-percentage' },
    );
  if ((inputs.trafficIntervalMinutes ?? 0) > 1440)
    throw new ConfigurationError(
      `ECS waits at most 1440 minutes between steps; traffic-interval ${inputs.trafficIntervalMinutes ?? 0} is more.`,
      { input: 'traffic-interval' },
    );
}

/** The service's deploymentConfiguration with what the step sets; what changed, in words. */
export function nativeConfiguration(
  inputs: Pick<DeployInputs, 'trafficPercentage' | 'trafficIntervalMinutes' | 'ecsBakeMinutes'>,
  current: DeploymentConfiguration,
  strategy: NativeStrategy,
): { next: DeploymentConfiguration; changes: string[] } {
  const next: DeploymentConfiguration = { ...current, strategy };
  const changes: string[] = [];
  const note = (
    what: string,
    from: string | number | undefined,
    to: string | number | undefined,
  ) => {
    if (from !== to) changes.push(`${what}: ${from ?? 'not set'} → ${to ?? 'not set'}`);
  };
  note('strategy', current.strategy ?? 'ROLLING', strategy);
  const percent = inputs.trafficPercentage;
  const minutes = inputs.trafficIntervalMinutes;
  if (strategy === 'CANARY') {
    const was = current.canaryConfiguration;
    next.canaryConfiguration = {
      canaryPercent: percent ?? was?.canaryPercent,
      canaryBakeTimeInMinutes: minutes ?? was?.canaryBakeTimeInMinutes,
    };
    note('canaryPercent', was?.canaryPercent, next.canaryConfiguration.canaryPercent);
    note(
      'canaryBakeTimeInMinutes',
      was?.canaryBakeTimeInMinutes,
      next.canaryConfiguration.canaryBakeTimeInMinutes,
    );
  }
  if (strategy === 'LINEAR') {
    const was = current.linearConfiguration;
    next.linearConfiguration = {
      stepPercent: percent ?? was?.stepPercent,
      stepBakeTimeInMinutes: minutes ?? was?.stepBakeTimeInMinutes,
    };
    note('stepPercent', was?.stepPercent, next.linearConfiguration.stepPercent);
    note(
      'stepBakeTimeInMinutes',
      was?.stepBakeTimeInMinutes,
      next.linearConfiguration.stepBakeTimeInMinutes,
    );
  }
  if (inputs.ecsBakeMinutes !== undefined) {
    next.bakeTimeInMinutes = inputs.ecsBakeMinutes;
    note('bakeTimeInMinutes', current.bakeTimeInMinutes, inputs.ecsBakeMinutes);
  }
  return { next, changes };
}

/** The production traffic steps in words, refused when ECS would lack a value. */
function stepsOf(inputs: DeployInputs, config: DeploymentConfiguration): string {
  const missing = (what: string) =>
    new ConfigurationError(
      `ECS's ${config.strategy ?? '?'} strategy needs ${what}; ${where(inputs)} has none, and this step gives none.`,
      {
        input: 'traffic-percentage',
        hint: 'Give traffic-percentage and traffic-interval (e.g. 10 and 5).',
      },
    );
  if (config.strategy === 'CANARY') {
    const { canaryPercent, canaryBakeTimeInMinutes } = config.canaryConfiguration ?? {};
    if (canaryPercent === undefined || canaryBakeTimeInMinutes === undefined)
      throw missing('canaryPercent and canaryBakeTimeInMinutes');
    return `${canaryPercent}% for ${canaryBakeTimeInMinutes} min, then 100%`;
  }
  if (config.strategy === 'LINEAR') {
    const { stepPercent, stepBakeTimeInMinutes } = config.linearConfiguration ?? {};
    if (stepPercent === undefined || stepBakeTimeInMinutes === undefined)
      throw missing('stepPercent and stepBakeTimeInMinutes');
    return `${stepPercent}% more every ${stepBakeTimeInMinutes} min (${Math.ceil(100 / stepPercent)} steps)`;
  }
  return '100% at once';
}

/** wait-until ready stops at a PAUSE hook: without one, the step would never be ready. */
function refuseReadyWithoutPause(inputs: DeployInputs, config: DeploymentConfiguration): void {
  if (inputs.waitUntil !== 'ready') return;
  if ((config.lifecycleHooks ?? []).some((h) => h.targetType === 'PAUSE')) return;
  throw new ConfigurationError(
    `Input 'wait-until: ready' waits for a PAUSE lifecycle hook of the ECS-native deployment (e.g. at POST_TEST_TRAFFIC_SHIFT, with test traffic on the new version), but ${where(inputs)} has none: the step would never be ready.`,
    {
      input: 'wait-until',
      hint: 'Add a lifecycle hook {targetType: PAUSE, lifecycleStages: [POST_TEST_TRAFFIC_SHIFT]} to the service, or use bake or complete.',
    },
  );
}

/** Plans an ECS-native deployment (or the continue step of one) of a service on the ECS controller. */
export function planNative(
  inputs: DeployInputs,
  service: Service,
  taskDefinition: TaskDefinition | undefined,
  observed: ObservedSettings,
): DeployPlan {
  if (isServiceDeploymentArn(inputs.continueDeploymentId))
    return planNativeContinue(inputs, service, taskDefinition);
  const strategy =
    BY_INPUT[inputs.strategy] ??
    (service.deploymentConfiguration?.strategy as NativeStrategy | undefined) ??
    'BLUE_GREEN';
  refuseService(inputs, service, strategy);
  refuseInputs(inputs, strategy);
  if (taskDefinition !== undefined && taskDefinition.status !== 'ACTIVE')
    throw new ConfigurationError(
      `Task definition ${taskDefinition.taskDefinitionArn ?? ''} is ${taskDefinition.status ?? 'not ACTIVE'}; ECS will not deploy it.`,
      {
        input: 'task-definition',
        hint: 'Register a new revision (ecs-task-definition) and deploy that.',
      },
    );
  const { next, changes } = nativeConfiguration(
    inputs,
    service.deploymentConfiguration ?? {},
    strategy,
  );
  const steps = stepsOf(inputs, next);
  refuseReadyWithoutPause(inputs, next);
  const ab = abPlan(inputs, service);
  const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
  const inFlight = primary?.rolloutState === 'IN_PROGRESS' ? primary.id : undefined;
  if (inFlight !== undefined && inputs.onInFlight === 'fail')
    throw new DeploymentFailedError(
      `Deployment ${inFlight} (${primary?.taskDefinition ?? '?'}) of ${where(inputs)}, started ${primary?.createdAt?.toISOString() ?? 'earlier'}, is still in progress: nothing was changed.`,
      {
        hint: 'Run again once it ends, or set on-in-flight: wait (follow it first) or stop (roll it back first).',
      },
    );
  const settings = planSettings(inputs.settings, {
    service,
    taskDefinition: taskDefinition ?? observed.runningTaskDefinition,
    clusterCapacityProviders: observed.clusterCapacityProviders,
    controller: 'ECS',
    where: where(inputs),
  });
  const serviceArn = service.serviceArn ?? '';
  const clusterArn = service.clusterArn ?? '';
  const account = serviceArn.split(':')[4] ?? '*';
  const sources = logSources(taskDefinition);
  const send = changes.length > 0 ? next : undefined;
  return {
    settings,
    mode: 'native',
    codedeploy: undefined,
    native: {
      strategy,
      serviceStrategy: service.deploymentConfiguration?.strategy ?? 'ROLLING',
      deploymentConfiguration: send,
      changes,
      steps,
      ecsBakeMinutes: next.bakeTimeInMinutes ?? 0,
      continueArn: undefined,
      ab,
      testRule: service.loadBalancers?.[0]?.advancedConfiguration?.testListenerRule,
    },
    region: inputs.region,
    cluster: inputs.cluster,
    service: inputs.service,
    serviceArn,
    previousTaskDefinition: primary?.taskDefinition ?? service.taskDefinition,
    previousDesiredCount: service.desiredCount,
    taskDefinition: taskDefinition?.taskDefinitionArn,
    desiredCount: inputs.desiredCount,
    forceNewDeployment: inputs.forceNewDeployment || settings.forceReason !== undefined,
    inFlight,
    logSources: sources,
    targetGroupArns: targetGroupsOf(service),
    images: imagesOf(taskDefinition),
    permissions: [
      ...(ab === undefined ? [] : abPermissions(ab.ruleArn, serviceArn)),
      ...deployPermissions({
        ...runOf(inputs, account, serviceArn, clusterArn),
        codedeploy: undefined,
        loadBalanced: true,
        native: {
          continueStep: false,
          readyStep: inputs.waitUntil === 'ready',
          passRoles: (send?.lifecycleHooks ?? []).flatMap((h) => (h.roleArn ? [h.roleArn] : [])),
        },
        logSources: sources,
        images: imagesOf(taskDefinition),
        settings: settingsRun(inputs),
      }),
    ],
  };
}

/** The continue step of an ECS-native deployment: resume its paused hook, follow it to the end. */
function planNativeContinue(
  inputs: DeployInputs,
  service: Service,
  taskDefinition: TaskDefinition | undefined,
): DeployPlan {
  refuseSettingsInContinue(inputs, 'started');
  const arn = inputs.continueDeploymentId ?? '';
  const serviceArn = service.serviceArn ?? '';
  // The ARN names its cluster and service: continuing another service's deployment is a mistake.
  const [cluster, name] = arn.split(':service-deployment/')[1]?.split('/') ?? [];
  const expected = serviceArn.split(':service/')[1]?.split('/');
  if (expected !== undefined && (cluster !== expected[0] || name !== expected[1]))
    throw new ConfigurationError(
      `Service deployment ${arn} is not of ${where(inputs)} (${serviceArn}).`,
      {
        input: 'continue-deployment-id',
        hint: 'Give the cluster and service the ready step deployed to.',
      },
    );
  const config = service.deploymentConfiguration ?? {};
  const strategy = isNativeStrategy(config.strategy) ? config.strategy : 'BLUE_GREEN';
  const testRule = service.loadBalancers?.[0]?.advancedConfiguration?.testListenerRule;
  const account = serviceArn.split(':')[4] ?? '*';
  return {
    settings: NO_SETTINGS,
    mode: 'native',
    codedeploy: undefined,
    native: {
      strategy,
      serviceStrategy: config.strategy ?? 'ROLLING',
      deploymentConfiguration: undefined,
      changes: [],
      steps: '',
      ecsBakeMinutes: config.bakeTimeInMinutes ?? 0,
      continueArn: arn,
      testRule,
    },
    region: inputs.region,
    cluster: inputs.cluster,
    service: inputs.service,
    serviceArn,
    previousTaskDefinition: undefined,
    previousDesiredCount: service.desiredCount,
    taskDefinition: taskDefinition?.taskDefinitionArn,
    desiredCount: undefined,
    forceNewDeployment: false,
    inFlight: undefined,
    logSources: [],
    targetGroupArns: targetGroupsOf(service),
    images: [],
    permissions: [
      // The ready step may have set an A/B condition on the test rule: it is restored at the end.
      ...(testRule === undefined ? [] : abPermissions(testRule, serviceArn)),
      ...deployPermissions({
        ...runOf(inputs, account, serviceArn, service.clusterArn ?? ''),
        codedeploy: undefined,
        loadBalanced: true,
        native: { continueStep: true, passRoles: [] },
        logSources: [],
        images: [],
        settings: {},
      }),
    ],
  };
}
