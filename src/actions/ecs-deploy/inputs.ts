import { ConfigurationError } from '../../core/action/errors.js';
import { parseJsonOrYaml } from '../../core/action/inputs.js';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { resolveRegion } from '../../core/aws/region.js';
import type { AnalysisSpec, MetricCheck } from '../../core/deploy/analysis.js';
import { type ServiceSettings, readSettings } from './settings.js';
import { defaultCodeDeployNames } from '../../core/deploy/codedeploy-config.js';
import type { Context, Reader } from './contract.js';
import type { AbCondition } from '../../core/deploy/test-traffic.js';
import { validateMetrics } from './schemas.validate.js';

/**
 * Five minutes: a release that crash-loops or fails its load balancer health checks shows it
 * well within that (a task that dies at start is replaced and dies again; an ALB marks a target
 * unhealthy after 2 failed checks of 30 s), while it adds little to a deploy that takes minutes.
 */
export const DEFAULT_BAKE_MS = 5 * 60_000;

export const STRATEGIES = [
  'rolling',
  'recreate',
  'blue-green',
  'canary',
  'linear',
  'shadow',
] as const;
export type Strategy = Exclude<(typeof STRATEGIES)[number], 'shadow'>;

/**
 * Shadow (the new version gets a copy of live requests, its answers thrown away) cannot be built
 * on an ALB: refused before anything is read, saying what exists instead.
 */
export const SHADOW_REFUSAL =
  "Strategy 'shadow' cannot be done on ECS behind an Application Load Balancer: an ALB forwards each request to exactly one target group (weighted forwarding splits requests, it never copies them), and neither ECS's own strategies, CodeDeploy nor Service Connect can mirror requests, so nothing was changed.";
const SHADOW_HINT =
  'What exists on AWS: (1) send the new version test traffic instead: an ECS-native blue/green deployment with a test listener rule and a PAUSE hook (strategy: blue-green, wait-until: ready) lets you replay captured requests (e.g. from ALB access logs) or run a load test against it before any user reaches it; (2) VPC Traffic Mirroring copies packets from the network interfaces of EC2 instances (ECS on EC2, not Fargate) to a Network Load Balancer in front of the new version; (3) a proxy in the task (Envoy request mirroring, nginx mirror) copies requests to the new version itself. Then deploy with canary or linear.';

function readStrategy(reader: Reader): Strategy {
  const strategy = reader.choice('strategy', STRATEGIES, 'rolling');
  if (strategy === 'shadow')
    throw new ConfigurationError(SHADOW_REFUSAL, { input: 'strategy', hint: SHADOW_HINT });
  return strategy;
}

export interface DeployInputs {
  region: string;
  cluster: string;
  service: string;
  taskDefinition: string | undefined;
  desiredCount: number | undefined;
  forceNewDeployment: boolean;
  strategy: Strategy;
  waitUntil: 'submitted' | 'ready' | 'bake' | 'complete';
  timeoutMs: number;
  /** How long the new version must stay up after the deployment ends (0: no bake). */
  bakeMs: number;
  onFailure: 'rollback' | 'none';
  onInFlight: 'fail' | 'wait' | 'stop';
  /** CodeDeploy application and deployment group (defaults: the names the AWS console uses). */
  application: string;
  deploymentGroup: string;
  deploymentConfig: string | undefined;
  trafficPercentage: number | undefined;
  trafficIntervalMinutes: number | undefined;
  /** A CodeDeploy deployment id (d-...) or an ECS service deployment ARN, to continue. */
  continueDeploymentId: string | undefined;
  /** The ECS-native continue step's paused hook (default: every hook awaiting action). */
  hookId: string | undefined;
  /** ECS's own bake for the ECS-native strategies, in minutes (undefined: the service's). */
  ecsBakeMinutes: number | undefined;
  /** ECS-native A/B: requests with this header or cookie reach the new version during the pause. */
  abCondition: AbCondition | undefined;
  /** The continue step: resume the paused hook (continue) or discard the new version (rollback). */
  hookAction: 'continue' | 'rollback';
  /** The CodeDeploy-only inputs the workflow gave: a rolling deployment refuses them. */
  codeDeployOnly: string[];
  /** Alarms and metric thresholds watched while the deployment runs. */
  analysis: AnalysisSpec;
  /** An AppSpec from a file (its TaskDefinition is replaced by the one deployed). */
  appSpec: AppSpecFile | undefined;
  /** A GitHub Deployment with statuses, for this environment, when a token is given. */
  githubToken: string | undefined;
  environment: string;
  /** The continue step's GitHub Deployment: the ready step's github-deployment-id output. */
  githubDeploymentId: number | undefined;
  /** Service settings to change with the deployment (each kept as the service has it when not given). */
  settings: ServiceSettings;
  /** Plan and report what would change, and change nothing. */
  dryRun: boolean;
}

export interface AppSpecFile {
  path: string;
  document: Record<string, unknown>;
  containerName: string;
  containerPort: number;
}

/** Reads an ECS AppSpec (YAML or JSON) and checks it names the container and port to route to. */
function readAppSpec(reader: Reader, workspace: string): AppSpecFile | undefined {
  const path = reader.optional('appspec');
  if (path === undefined) return undefined;
  const full = isAbsolute(path) ? path : join(workspace, path);
  if (!existsSync(full))
    throw new ConfigurationError(`Input 'appspec': no file ${path} in the workspace.`, {
      input: 'appspec',
    });
  const document = parseJsonOrYaml(readFileSync(full, 'utf8'), `AppSpec ${path}`, 'appspec');
  const resources = (document as { Resources?: unknown } | null)?.Resources;
  const first: unknown = Array.isArray(resources) ? resources[0] : undefined;
  const target =
    typeof first === 'object' && first !== null
      ? (Object.values(first)[0] as
          | {
              Properties?: {
                LoadBalancerInfo?: { ContainerName?: unknown; ContainerPort?: unknown };
              };
            }
          | null
          | undefined)
      : undefined;
  const info = target?.Properties?.LoadBalancerInfo;
  if (typeof info?.ContainerName !== 'string' || typeof info.ContainerPort !== 'number')
    throw new ConfigurationError(
      `AppSpec ${path} needs Resources[0].<name>.Properties.LoadBalancerInfo with ContainerName and ContainerPort.`,
      { input: 'appspec' },
    );
  return {
    path,
    document: document as Record<string, unknown>,
    containerName: info.ContainerName,
    containerPort: info.ContainerPort,
  };
}

interface MetricInput {
  name: string;
  namespace: string;
  metric: string;
  dimensions?: Record<string, string>;
  statistic?: string;
  period?: number;
  comparison?: MetricCheck['comparison'];
  threshold: number;
}

function readAnalysis(reader: Reader): AnalysisSpec {
  const metrics = (reader.structured<MetricInput[]>('analysis', validateMetrics) ?? []).map(
    (m): MetricCheck => ({
      name: m.name,
      namespace: m.namespace,
      metric: m.metric,
      dimensions: m.dimensions ?? {},
      statistic: m.statistic ?? 'Sum',
      periodSeconds: m.period ?? 60,
      comparison: m.comparison ?? '>',
      threshold: m.threshold,
    }),
  );
  return {
    alarms: reader.list('alarms'),
    metrics,
    intervalMs: reader.duration('analysis-interval', {
      default: 60_000,
      min: 10_000,
      max: 3_600_000,
    }),
    failuresAllowed:
      reader.optional('analysis-failures-allowed') === undefined
        ? 0
        : reader.integer('analysis-failures-allowed', { min: 0, max: 100 }),
  };
}

/** Inputs that shape a CodeDeploy deployment and mean nothing to a rolling one. */
export const CODEDEPLOY_ONLY = [
  'codedeploy-application',
  'codedeploy-deployment-group',
  'deployment-config',
  'traffic-percentage',
  'traffic-interval',
  'appspec',
] as const;

const TASK_DEFINITION =
  /^(arn:[\w-]+:ecs:[a-z0-9-]+:\d{12}:task-definition\/)?[a-zA-Z0-9_-]{1,255}:\d+$/;

export function readInputs(
  reader: Reader,
  context: Pick<Context, 'env' | 'setSecret'>,
): DeployInputs {
  const githubToken = reader.optional('github-token');
  if (githubToken !== undefined) context.setSecret(githubToken);
  const { taskDefinition, forceNewDeployment, continueDeploymentId, githubDeployment } =
    readRelease(reader);
  const desired = reader.optional('desired-count');
  const cluster = reader.optional('cluster') ?? 'default';
  const service = reader.required('service');
  const { percentage, interval, deploymentConfig } = readTraffic(reader);
  return {
    codeDeployOnly: CODEDEPLOY_ONLY.filter((name) => reader.optional(name) !== undefined),
    region: resolveRegion(reader.optional('aws-region'), context.env),
    cluster,
    service,
    taskDefinition,
    desiredCount:
      desired === undefined ? undefined : reader.integer('desired-count', { min: 0, max: 5000 }),
    forceNewDeployment,
    strategy: readStrategy(reader),
    waitUntil: reader.choice(
      'wait-until',
      ['submitted', 'ready', 'bake', 'complete'] as const,
      'complete',
    ),
    timeoutMs: reader.duration('timeout', {
      default: 30 * 60_000,
      min: 60_000,
      max: 6 * 3_600_000,
    }),
    bakeMs: reader.duration('bake-time', { default: DEFAULT_BAKE_MS, min: 0, max: 6 * 3_600_000 }),
    onFailure: reader.choice('on-failure', ['rollback', 'none'] as const, 'rollback'),
    onInFlight: reader.choice('on-in-flight', ['fail', 'wait', 'stop'] as const, 'fail'),
    application:
      reader.optional('codedeploy-application') ??
      defaultCodeDeployNames(cluster, service).application,
    deploymentGroup:
      reader.optional('codedeploy-deployment-group') ??
      defaultCodeDeployNames(cluster, service).deploymentGroup,
    deploymentConfig,
    trafficPercentage: percentage,
    trafficIntervalMinutes: interval,
    continueDeploymentId,
    hookId: readHookId(reader, continueDeploymentId),
    abCondition: readAbCondition(reader),
    hookAction: readHookAction(reader, continueDeploymentId),
    ecsBakeMinutes:
      reader.optional('ecs-bake-time') === undefined
        ? undefined
        : reader.integer('ecs-bake-time', { min: 0, max: 1440 }),
    analysis: readAnalysis(reader),
    appSpec: readAppSpec(reader, context.env['GITHUB_WORKSPACE'] ?? process.cwd()),
    githubToken,
    environment: reader.optional('environment') ?? 'production',
    settings: readSettings(reader),
    dryRun: reader.boolean('dry-run', false),
    githubDeploymentId:
      githubDeployment === undefined
        ? undefined
        : reader.integer('github-deployment-id', { min: 1, max: Number.MAX_SAFE_INTEGER }),
  };
}

/** What is deployed: a task definition, a forced new deployment, or a ready step's to continue. */
function readRelease(reader: Reader) {
  const taskDefinition = reader.optional('task-definition');
  if (taskDefinition !== undefined && !TASK_DEFINITION.test(taskDefinition)) {
    throw new ConfigurationError(
      `Input 'task-definition' must be a task definition ARN or family:revision (the task-definition-arn output of ecs-task-definition), got '${taskDefinition}'.`,
      { input: 'task-definition' },
    );
  }
  const forceNewDeployment = reader.boolean('force-new-deployment', false);
  const continueDeploymentId = reader.optional('continue-deployment-id');
  if (
    continueDeploymentId !== undefined &&
    !/^d-[A-Z0-9]{9}$/.test(continueDeploymentId) &&
    !SERVICE_DEPLOYMENT_ARN.test(continueDeploymentId)
  ) {
    throw new ConfigurationError(
      `Input 'continue-deployment-id' must be a CodeDeploy deployment id (d-XXXXXXXXX) or an ECS service deployment ARN (arn:aws:ecs:<region>:<account>:service-deployment/<cluster>/<service>/<id>), got '${continueDeploymentId}'.`,
      {
        input: 'continue-deployment-id',
      },
    );
  }
  const githubDeployment = reader.optional('github-deployment-id');
  if (githubDeployment !== undefined && continueDeploymentId === undefined)
    throw new ConfigurationError(
      "Input 'github-deployment-id' carries the ready step's GitHub Deployment into the continue step; without 'continue-deployment-id' there is nothing to carry it into.",
      { input: 'github-deployment-id', hint: 'Remove it, or give continue-deployment-id too.' },
    );
  if (taskDefinition === undefined && !forceNewDeployment && continueDeploymentId === undefined) {
    throw new ConfigurationError(
      "Input 'task-definition' is required unless 'force-new-deployment' is true.",
      { input: 'task-definition' },
    );
  }
  return { taskDefinition, forceNewDeployment, continueDeploymentId, githubDeployment };
}

export const SERVICE_DEPLOYMENT_ARN =
  /^arn:[\w-]+:ecs:[a-z0-9-]+:\d{12}:service-deployment\/[\w-]+\/[\w-]+\/[\w-]+$/;

export function isServiceDeploymentArn(id: string | undefined): boolean {
  return id !== undefined && SERVICE_DEPLOYMENT_ARN.test(id);
}

/** `Name: value` for a header, `name=value` for a cookie (ALB matches * and ? in values). */
function readAbCondition(reader: Reader): AbCondition | undefined {
  const header = reader.optional('test-traffic-header');
  const cookie = reader.optional('test-traffic-cookie');
  if (header !== undefined && cookie !== undefined)
    throw new ConfigurationError(
      "Give either 'test-traffic-header' or 'test-traffic-cookie': the test listener rule takes one condition for the A/B split.",
      { input: 'test-traffic-cookie' },
    );
  if (header !== undefined) {
    const match = /^([A-Za-z0-9!#$%&'*+.^_`|~-]{1,40}):\s*(\S.{0,127})$/.exec(header);
    if (match?.[1] === undefined || match[2] === undefined)
      throw new ConfigurationError(
        `Input 'test-traffic-header' must be 'Name: value' (a header name of at most 40 characters, a value that may use * and ?), got '${header}'.`,
        { input: 'test-traffic-header' },
      );
    return { kind: 'header', name: match[1], value: match[2] };
  }
  if (cookie !== undefined) {
    const match = /^([A-Za-z0-9!#$%&'*+.^_`|~-]{1,100})=([^;\s]{1,100})$/.exec(cookie);
    if (match?.[1] === undefined || match[2] === undefined)
      throw new ConfigurationError(
        `Input 'test-traffic-cookie' must be 'name=value' (no spaces or semicolons), got '${cookie}'.`,
        { input: 'test-traffic-cookie' },
      );
    return { kind: 'cookie', name: match[1], value: match[2] };
  }
  return undefined;
}

function readHookAction(
  reader: Reader,
  continueDeploymentId: string | undefined,
): 'continue' | 'rollback' {
  const action = reader.choice('hook-action', ['continue', 'rollback'] as const, 'continue');
  if (action === 'rollback' && !isServiceDeploymentArn(continueDeploymentId))
    throw new ConfigurationError(
      "Input 'hook-action: rollback' discards a paused ECS service deployment; it needs 'continue-deployment-id' with that deployment's ARN.",
      { input: 'hook-action' },
    );
  return action;
}

function readHookId(reader: Reader, continueDeploymentId: string | undefined): string | undefined {
  const hookId = reader.optional('hook-id');
  if (hookId !== undefined && !isServiceDeploymentArn(continueDeploymentId))
    throw new ConfigurationError(
      "Input 'hook-id' names the paused lifecycle hook of an ECS service deployment to continue; it needs 'continue-deployment-id' with that service deployment's ARN.",
      {
        input: 'hook-id',
        hint: "Give continue-deployment-id the ready step's service-deployment-arn output.",
      },
    );
  return hookId;
}

/**
 * A percentage in steps of 0.1 (ECS-native canaryPercent and stepPercent take one decimal;
 * CodeDeploy's whole numbers are checked in its plan).
 */
function readPercentage(reader: Reader): number | undefined {
  const text = reader.optional('traffic-percentage');
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+(\.\d)?$/.test(text) || value < 0.1 || value > 100)
    throw new ConfigurationError(
      `Input 'traffic-percentage' must be a percentage from 0.1 to 100 with at most one decimal (e.g. 10 or 2.5), got '${text}'.`,
      { input: 'traffic-percentage' },
    );
  return value;
}

/** A custom canary or linear shift (percentage with interval), or a named deployment config. */
function readTraffic(reader: Reader) {
  const percentage = readPercentage(reader);
  const interval =
    reader.optional('traffic-interval') === undefined
      ? undefined
      : reader.integer('traffic-interval', { min: 1, max: 2880 });
  if ((percentage === undefined) !== (interval === undefined)) {
    throw new ConfigurationError(
      "Inputs 'traffic-percentage' and 'traffic-interval' go together (e.g. 10 and 5 for 10% every 5 minutes).",
      {
        input: percentage === undefined ? 'traffic-percentage' : 'traffic-interval',
      },
    );
  }
  const deploymentConfig = reader.optional('deployment-config');
  if (deploymentConfig !== undefined && percentage !== undefined) {
    throw new ConfigurationError(
      "Give either 'deployment-config' or 'traffic-percentage' with 'traffic-interval', not both.",
      { input: 'deployment-config' },
    );
  }
  return { percentage, interval, deploymentConfig };
}
