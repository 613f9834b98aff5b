// ECS's own blue/green, canary and linear deployments (deploymentConfiguration.strategy
// BLUE_GREEN, CANARY, LINEAR on the ECS controller): ECS moves the listener rules itself, with no
// CodeDeploy. UpdateService does not name the service deployment it starts, so it is found in
// ListServiceDeployments by its target revision, then followed by its ARN to its end.
import {
  ContinueServiceDeploymentCommand,
  type DeploymentLifecycleHookDetail,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  type ECSClient,
  ListServiceDeploymentsCommand,
  type ServiceDeployment,
  type ServiceDeploymentBrief,
  StopServiceDeploymentCommand,
} from '@aws-sdk/client-ecs';
import { ConfigurationError, awsErrorCode } from '../action/errors.js';
import { type LoadBalancerTiming, drainPace, untilDrained } from './pace.js';
import { poll } from '../aws/poller.js';
import type { FollowTiming } from './follow.js';
import { formatDuration } from '../util/time.js';

type Ecs = Pick<ECSClient, 'send'>;

export const NATIVE_STRATEGIES = ['BLUE_GREEN', 'CANARY', 'LINEAR'] as const;
export type NativeStrategy = (typeof NATIVE_STRATEGIES)[number];

export function isNativeStrategy(strategy: string | undefined): strategy is NativeStrategy {
  return (NATIVE_STRATEGIES as readonly string[]).includes(strategy ?? '');
}

/** The stages in the order ECS runs them. */
export const NATIVE_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
] as const;

const FINAL = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);

export function isFinalStatus(status: string | undefined): boolean {
  return FINAL.has(status ?? '');
}

/** Where a followed native deployment stands after one read (pure). */
export type NativeStand =
  | { kind: 'running'; stage: string }
  /** A PAUSE hook waits for ContinueServiceDeployment. */
  | { kind: 'paused'; stage: string; hook: DeploymentLifecycleHookDetail }
  /** All production traffic is on the new revision and ECS bakes it, blue still up. */
  | { kind: 'baking'; stage: string }
  | { kind: 'rolling-back'; reason: string }
  | { kind: 'succeeded' }
  | { kind: 'rolled-back'; reason: string }
  | { kind: 'rollback-failed'; reason: string }
  | { kind: 'stopped'; reason: string };

export function nativeStand(d: ServiceDeployment): NativeStand {
  const stage = d.lifecycleStage ?? 'RECONCILE_SERVICE';
  const reason = d.rollback?.reason ?? d.statusReason ?? 'no reason given';
  switch (d.status) {
    case 'SUCCESSFUL':
      return { kind: 'succeeded' };
    case 'ROLLBACK_SUCCESSFUL':
      return { kind: 'rolled-back', reason };
    case 'ROLLBACK_FAILED':
      return { kind: 'rollback-failed', reason };
    case 'STOPPED':
      return { kind: 'stopped', reason: d.statusReason ?? 'stopped' };
    case 'ROLLBACK_REQUESTED':
    case 'ROLLBACK_IN_PROGRESS':
      return { kind: 'rolling-back', reason };
    default: {
      const hook = d.lifecycleHookDetails?.find((h) => h.status === 'AWAITING_ACTION');
      if (hook !== undefined) return { kind: 'paused', stage, hook };
      if (stage === 'BAKE_TIME' || stage === 'CLEAN_UP') return { kind: 'baking', stage };
      return { kind: 'running', stage };
    }
  }
}

/** Where following stops: a paused hook (the ready step), ECS's bake, or the end. */
export type NativeUntil = 'ready' | 'bake' | 'complete';

export function nativeDone(stand: NativeStand, until: NativeUntil): boolean {
  if (stand.kind === 'running' || stand.kind === 'rolling-back') return false;
  if (stand.kind === 'paused') return until === 'ready';
  if (stand.kind === 'baking') return until === 'bake';
  return true;
}

/** One line for the log: stage, traffic weights, hooks. */
export function describeProgress(d: ServiceDeployment): string {
  const target = d.targetServiceRevision;
  const hooks = (d.lifecycleHookDetails ?? [])
    .map((h) => `${h.targetType ?? 'hook'} ${h.status ?? '?'}`)
    .join(', ');
  return [
    `${d.status ?? '?'} at ${d.lifecycleStage ?? '?'}`,
    `production ${target?.requestedProductionTrafficWeight ?? 0}% on the new revision, test ${target?.requestedTestTrafficWeight ?? 0}%`,
    `tasks ${target?.runningTaskCount ?? 0}/${target?.requestedTaskCount ?? 0} running`,
    ...(hooks === '' ? [] : [`hooks: ${hooks}`]),
  ].join('; ');
}

export async function describeServiceDeployment(ecs: Ecs, arn: string): Promise<ServiceDeployment> {
  const response = await ecs.send(
    new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }),
  );
  const found = response.serviceDeployments?.[0];
  if (found === undefined)
    throw new ConfigurationError(`Service deployment ${arn} was not found.`, {
      hint: 'Check the ARN (the service-deployment-arn output of the step that started it) and the region.',
    });
  return found;
}

/** The service deployments created after `since` (ms), newest first. */
async function listSince(
  ecs: Ecs,
  cluster: string,
  service: string,
  since: number,
): Promise<ServiceDeploymentBrief[]> {
  const listed = await ecs.send(
    new ListServiceDeploymentsCommand({ cluster, service, createdAt: { after: new Date(since) } }),
  );
  return [...(listed.serviceDeployments ?? [])].sort(
    (a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0),
  );
}

/**
 * The service deployment an UpdateService started: created after `since`, of `taskDefinition`
 * (read from its target revision; for a new deployment of the same task definition, the newest
 * that was not listed before). Listed a few times, as ECS lists a new deployment a moment later.
 */
export async function findServiceDeployment(
  ecs: Ecs,
  options: {
    cluster: string;
    service: string;
    since: number;
    taskDefinition: string | undefined;
    known: string[];
  } & Pick<FollowTiming, 'sleep' | 'signal'>,
): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const briefs = (await listSince(ecs, options.cluster, options.service, options.since)).filter(
      (b) => !options.known.includes(b.serviceDeploymentArn ?? ''),
    );
    for (const brief of briefs) {
      if (options.taskDefinition === undefined) return brief.serviceDeploymentArn ?? '';
      const revision = brief.targetServiceRevisionArn;
      if (revision === undefined) continue;
      if ((await revisionTaskDefinition(ecs, revision)) === options.taskDefinition)
        return brief.serviceDeploymentArn ?? '';
    }
    await options.sleep(Math.min(8000, 500 * 2 ** attempt), options.signal);
  }
  throw new ConfigurationError(
    `ECS accepted the update of ${options.cluster}/${options.service}, but listed no service deployment of ${options.taskDefinition ?? 'it'} after a minute.`,
    { hint: 'Look at the service in the console: its deployment may still start.' },
  );
}

/** The task definition a service revision runs. */
export async function revisionTaskDefinition(
  ecs: Ecs,
  revisionArn: string,
): Promise<string | undefined> {
  const described = await ecs.send(
    new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revisionArn] }),
  );
  return described.serviceRevisions?.[0]?.taskDefinition;
}

/** The service's in-flight service deployments, as ListServiceDeployments lists them. */
export async function inFlightServiceDeployments(
  ecs: Ecs,
  cluster: string,
  service: string,
): Promise<ServiceDeploymentBrief[]> {
  const listed = await ecs.send(
    new ListServiceDeploymentsCommand({
      cluster,
      service,
      status: ['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'],
    }),
  );
  return listed.serviceDeployments ?? [];
}

export interface NativeTrafficStep {
  /** When it was seen (the step's clock, ms). */
  time: number;
  greenPercent: number;
}

export interface NativeOutcome {
  stand: NativeStand;
  deployment: ServiceDeployment;
  /** Production traffic on the new revision, each change as it was seen. */
  traffic: NativeTrafficStep[];
  /** The stages seen, with when (the step's clock, ms). */
  stages: { stage: string; time: number }[];
  polls: number;
  elapsedMs: number;
}

export interface NativeFollowOptions extends FollowTiming {
  ecs: Ecs;
  arn: string;
  until: NativeUntil;
  /** The traffic steps and stages already seen (a continue step, a second follow), to go on from. */
  seen?: Pick<NativeOutcome, 'traffic' | 'stages'>;
  /** The target groups' timing: reads are paced by the drain that ends the clean-up. */
  loadBalancer?: LoadBalancerTiming | undefined;
}

/**
 * The wait before the next read of a service deployment (pure): soon in a rollback; at the
 * end of blue's drain in the clean-up (which ECS starts with it: the stage's updatedAt); else,
 * with the load balancer's timing, at the pace that still sees the clean-up begin in time.
 */
export function nativeWait(
  d: ServiceDeployment,
  timing: LoadBalancerTiming | undefined,
  now: number,
  fastMs = 2000,
): number | undefined {
  if (d.status?.startsWith('ROLLBACK') === true) return fastMs;
  if (d.lifecycleStage === 'CLEAN_UP')
    // Long past the drain's end (updatedAt said something else), the end is near all the same:
    // soon rather than at the pace.
    return timing === undefined || d.updatedAt === undefined
      ? fastMs
      : untilDrained(d.updatedAt.getTime(), timing, now, fastMs);
  return timing === undefined ? undefined : drainPace(timing);
}

/**
 * Follows one service deployment by its ARN until `until`, printing stage changes, hook states
 * and traffic weights as they happen. Reads often right after a change and while the end is near
 * (clean-up, a rollback), rarely while ECS waits out a step's bake.
 */
export async function followNative(options: NativeFollowOptions): Promise<NativeOutcome> {
  const { ecs, arn, logger, clock } = options;
  const traffic = [...(options.seen?.traffic ?? [])];
  const stages = [...(options.seen?.stages ?? [])];
  const started = clock.now();
  let lastHooks = '';
  const result = await poll<ServiceDeployment>({
    read: async () => {
      const d = await describeServiceDeployment(ecs, arn);
      if (nativeStand(d).kind === 'running' || nativeStand(d).kind === 'baking')
        await options.analysis?.check();
      return d;
    },
    done: (d) => nativeDone(nativeStand(d), options.until),
    // A stage that gives way to the next one says nothing about when the deployment ends (the
    // stages are printed as they come): reads slow down through them as through any wait.
    fingerprint: (d) =>
      JSON.stringify([
        d.status,
        d.targetServiceRevision?.requestedProductionTrafficWeight,
        d.targetServiceRevision?.runningTaskCount,
        d.lifecycleHookDetails?.map((h) => h.status),
      ]),
    intervalHint: (d) =>
      nativeWait(d, options.loadBalancer, clock.now(), options.minIntervalMs ?? 2000),
    minHintMs: 1000,
    minIntervalMs: options.minIntervalMs ?? 2000,
    maxIntervalMs: options.maxIntervalMs ?? 15_000,
    timeoutMs: options.timeoutMs,
    what: `service deployment ${arn} to reach ${options.until === 'complete' ? 'its end' : options.until === 'ready' ? 'a paused lifecycle hook' : "ECS's bake"}`,
    clock,
    sleep: options.sleep,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onReadError: (error, progress) => {
      logger.warning(
        `Reading service deployment ${arn} failed after the SDK's retries (${awsErrorCode(error) ?? 'error'}); still following it, next check in ${formatDuration(progress.nextPollMs)}.`,
      );
    },
    onObservation: (d, progress) => {
      const stage = d.lifecycleStage ?? '';
      if (stage !== '' && stages.at(-1)?.stage !== stage) {
        stages.push({ stage, time: clock.now() });
        logger.info(`stage: ${stage}`);
      }
      const weight = d.targetServiceRevision?.requestedProductionTrafficWeight ?? 0;
      if ((traffic.at(-1)?.greenPercent ?? 0) !== weight) {
        traffic.push({ time: clock.now(), greenPercent: weight });
        logger.info(`traffic: ${weight}% of production on the new revision`);
      }
      const hooks = JSON.stringify(d.lifecycleHookDetails?.map((h) => [h.hookId, h.status]) ?? []);
      if (hooks !== lastHooks) {
        lastHooks = hooks;
        for (const hook of d.lifecycleHookDetails ?? [])
          logger.info(
            `hook: ${hook.targetType ?? '?'} ${hook.targetArn ?? ''} ${hook.status ?? '?'} (id ${hook.hookId ?? '?'}${hook.expiresAt === undefined ? '' : `, times out at ${hook.expiresAt.toISOString()} with ${hook.timeoutAction ?? '?'}`})`,
          );
      }
      if (progress.changed || progress.polls % 10 === 0)
        logger.info(
          `${formatDuration(progress.elapsedMs)}: ${describeProgress(d)}${progress.nextPollMs > 0 ? `; next check in ${formatDuration(progress.nextPollMs)}` : ''}`,
        );
    },
  });
  return {
    stand: nativeStand(result.observation),
    deployment: result.observation,
    traffic,
    stages,
    polls: result.polls,
    elapsedMs: clock.now() - started,
  };
}

/** StopServiceDeployment with rollback: traffic back on the previous revision. */
export async function stopWithRollback(ecs: Ecs, arn: string): Promise<void> {
  await ecs.send(
    new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }),
  );
}

/**
 * Resumes the service deployment's paused PAUSE hooks (or the one named): returns the hooks
 * continued. Refused, naming what the deployment is doing, when none waits.
 */
export async function continuePaused(
  ecs: Ecs,
  arn: string,
  hookId: string | undefined,
  action: 'CONTINUE' | 'ROLLBACK' = 'CONTINUE',
): Promise<string[]> {
  const d = await describeServiceDeployment(ecs, arn);
  const waiting = (d.lifecycleHookDetails ?? []).filter(
    (h) => h.status === 'AWAITING_ACTION' && (hookId === undefined || h.hookId === hookId),
  );
  if (waiting.length === 0)
    throw new ConfigurationError(
      `Service deployment ${arn} has no lifecycle hook${hookId === undefined ? '' : ` ${hookId}`} waiting to be continued: it is ${describeProgress(d)}.`,
      {
        input: 'continue-deployment-id',
        hint: 'Continue a deployment the ready step left paused (its service-deployment-arn and hook-id outputs).',
      },
    );
  for (const hook of waiting)
    await ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: arn,
        hookId: hook.hookId,
        action,
      }),
    );
  return waiting.map((h) => h.hookId ?? '');
}
