import {
  BatchGetDeploymentTargetsCommand,
  type CodeDeployClient,
  CreateDeploymentCommand,
  type CreateDeploymentCommandInput,
  type DeploymentGroupInfo,
  type DeploymentInfo,
  type ECSTaskSet,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
  type LifecycleEvent,
  ListDeploymentTargetsCommand,
  ListDeploymentsCommand,
  type TrafficRoutingConfig,
} from '@aws-sdk/client-codedeploy';
import type { CapacityProviderStrategyItem, NetworkConfiguration } from '@aws-sdk/client-ecs';
import { createHash, randomUUID } from 'node:crypto';
import { sendOnce } from '../aws/idempotent.js';

import { poll } from '../aws/poller.js';
import { awsErrorCode } from '../action/errors.js';
import { type BakeVerdict, TaskWatch } from './bake.js';
import { type FollowTiming, allRunning } from './follow.js';
import type { StoppedTasks } from './stopped-tasks.js';
import { nearDueWait, startingLookMs, towardsDue } from './pace.js';
import { formatDuration } from '../util/time.js';

type CodeDeploy = Pick<CodeDeployClient, 'send'>;

/** An ECS AppSpec for CodeDeploy, with its sha256 as CreateDeployment takes it. */
/** What an AppSpec can carry for the new task set besides its task definition and port. */
export interface AppSpecExtras {
  networkConfiguration?: NetworkConfiguration;
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
}

/** The AppSpec property names of the extras (AppSpec spells them in PascalCase). */
function appSpecProperties(extras: AppSpecExtras): Record<string, unknown> {
  const vpc = extras.networkConfiguration?.awsvpcConfiguration;
  return {
    ...(vpc === undefined
      ? {}
      : {
          NetworkConfiguration: {
            AwsvpcConfiguration: {
              Subnets: vpc.subnets ?? [],
              SecurityGroups: vpc.securityGroups ?? [],
              AssignPublicIp: vpc.assignPublicIp ?? 'DISABLED',
            },
          },
        }),
    ...(extras.capacityProviderStrategy === undefined
      ? {}
      : {
          CapacityProviderStrategy: extras.capacityProviderStrategy.map((item) => ({
            CapacityProvider: item.capacityProvider,
            Weight: item.weight ?? 0,
            Base: item.base ?? 0,
          })),
        }),
  };
}

export function ecsAppSpec(
  taskDefinitionArn: string,
  containerName: string,
  containerPort: number,
  extras: AppSpecExtras = {},
): { content: string; sha256: string } {
  const content = JSON.stringify({
    version: 0.0,
    Resources: [
      {
        TargetService: {
          Type: 'AWS::ECS::Service',
          Properties: {
            TaskDefinition: taskDefinitionArn,
            LoadBalancerInfo: { ContainerName: containerName, ContainerPort: containerPort },
            ...appSpecProperties(extras),
          },
        },
      },
    ],
  });
  return { content, sha256: createHash('sha256').update(content).digest('hex') };
}

/**
 * A user's AppSpec with the task definition being deployed put in (whatever placeholder the
 * file has), as JSON, with its sha256; hooks and other properties are kept as written.
 */
export function appSpecWithTaskDefinition(
  document: Record<string, unknown>,
  taskDefinitionArn: string,
  extras: AppSpecExtras = {},
): { content: string; sha256: string } {
  const copy = structuredClone(document) as {
    Resources?: Record<string, { Properties?: Record<string, unknown> }>[];
  };
  const resource = copy.Resources?.[0];
  const target = resource === undefined ? undefined : Object.values(resource)[0];
  if (target?.Properties !== undefined) {
    target.Properties['TaskDefinition'] = taskDefinitionArn;
    // The step's inputs win over the file for what they name.
    Object.assign(target.Properties, appSpecProperties(extras));
  }
  const content = JSON.stringify(copy);
  return { content, sha256: createHash('sha256').update(content).digest('hex') };
}

export interface TrafficStep {
  /** Milliseconds since following started. */
  at: number;
  /** When it was seen (the step's clock, ms). */
  time: number;
  greenPercent: number;
}

export interface CodeDeployOutcome {
  status: string;
  reason: string;
  errorCode: string | undefined;
  rollbackDeploymentId: string | undefined;
  timeline: TrafficStep[];
  polls: number;
  elapsedMs: number;
}

interface Observation {
  info: DeploymentInfo;
  taskSets: ECSTaskSet[];
  events: LifecycleEvent[];
}

/** What one read of the deployment's ECS target says: its status, task sets and lifecycle. */
interface TargetView {
  /** The target's status (InProgress while the deployment moves on it; undefined: not read). */
  status: string | undefined;
  taskSets: ECSTaskSet[];
  events: LifecycleEvent[];
}

export const TERMINAL = ['Succeeded', 'Failed', 'Stopped'];
/** While the target alone is read, the deployment is still read this often. */
const INFO_AT_LEAST_MS = 60_000;
/** The statuses of a deployment that is not over (one per deployment group at a time). */
export const ACTIVE = ['Created', 'Queued', 'InProgress', 'Ready', 'Baking'] as const;

/**
 * What a deployment group is now: whether it (and its application) exists, and the id of the
 * deployment in flight in it, if any.
 */
export async function observeDeploymentGroup(
  codedeploy: CodeDeploy,
  application: string,
  deploymentGroup: string,
): Promise<{
  exists: boolean;
  inFlight: string | undefined;
  /** How long the old task set is kept after the shift (undefined: kept, KEEP_ALIVE). */
  terminationWaitMs: number | undefined;
  /** The names of the group's pair of target groups (the new task set joins one of them). */
  targetGroupNames: string[];
}> {
  let group: DeploymentGroupInfo | undefined;
  try {
    group = (
      await codedeploy.send(
        new GetDeploymentGroupCommand({
          applicationName: application,
          deploymentGroupName: deploymentGroup,
        }),
      )
    ).deploymentGroupInfo;
  } catch (error) {
    const code = awsErrorCode(error) ?? '';
    if (['ApplicationDoesNotExistException', 'DeploymentGroupDoesNotExistException'].includes(code))
      return {
        exists: false,
        inFlight: undefined,
        terminationWaitMs: undefined,
        targetGroupNames: [],
      };
    throw error;
  }
  const termination =
    group?.blueGreenDeploymentConfiguration?.terminateBlueInstancesOnDeploymentSuccess;
  const listed = await codedeploy.send(
    new ListDeploymentsCommand({
      applicationName: application,
      deploymentGroupName: deploymentGroup,
      includeOnlyStatuses: [...ACTIVE],
    }),
  );
  return {
    exists: true,
    inFlight: listed.deployments?.[0],
    terminationWaitMs:
      termination?.action === 'KEEP_ALIVE'
        ? undefined
        : (termination?.terminationWaitTimeInMinutes ?? 0) * 60_000,
    targetGroupNames: (group?.loadBalancerInfo?.targetGroupPairInfoList ?? [])
      .flatMap((pair) => pair.targetGroups ?? [])
      .map((g) => g.name ?? '')
      .filter((name) => name !== ''),
  };
}

/** How a deployment config moves traffic: the time between its steps, or all at once. */
export interface Routing {
  /** The time between traffic steps (undefined: all at once, or unknown). */
  stepMs: number | undefined;
  allAtOnce: boolean;
}

/** A config's traffic routing as the follower times its reads by it (pure). */
export function routingOf(routing: TrafficRoutingConfig | undefined): Routing {
  const minutes =
    routing?.timeBasedCanary?.canaryInterval ?? routing?.timeBasedLinear?.linearInterval;
  return {
    stepMs: minutes === undefined ? undefined : minutes * 60_000,
    allAtOnce: routing?.type === 'AllAtOnce',
  };
}

/** CodeDeploy's id of an ECS deployment target: `<cluster name>:<service name>` (names, not ARNs). */
export function ecsTargetId(cluster: string, service: string): string {
  const name = (id: string) => id.slice(id.lastIndexOf('/') + 1);
  return `${name(cluster)}:${name(service)}`;
}

/**
 * One look at a CodeDeploy deployment during its bake: the new (green) task set keeps its tasks
 * running and none stops; the deployment is still in its termination wait (the old version can
 * take the traffic back) or has ended (the look says so once; the watch goes on).
 */
export function codeDeployBakeLook(options: {
  codedeploy: CodeDeploy;
  deploymentId: string;
  stoppedTasks: StoppedTasks;
  /** The deployment group: once ours succeeded, a newer deployment in it replaces ours. */
  group?: { application: string; deploymentGroup: string };
}): () => Promise<BakeVerdict> {
  const { codedeploy, deploymentId, stoppedTasks, group } = options;
  let targetId: string | undefined;
  const watch = new TaskWatch();
  return async () => {
    const info =
      (await codedeploy.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo ?? {};
    if (info.status !== 'InProgress' && info.status !== 'Succeeded')
      return {
        kind: 'failed',
        reason: `the deployment ended ${info.status ?? '?'}: ${describeFailure(info)}`,
      };
    if (info.status === 'Succeeded' && group !== undefined) {
      const newer = (
        await codedeploy.send(
          new ListDeploymentsCommand({
            applicationName: group.application,
            deploymentGroupName: group.deploymentGroup,
            includeOnlyStatuses: [...ACTIVE],
          }),
        )
      ).deployments?.find((id) => id !== deploymentId);
      if (newer !== undefined)
        return {
          kind: 'replaced',
          reason: `During the bake: CodeDeploy deployment ${newer}, started by another caller (a second workflow run, the console or the CLI) in ${group.application}/${group.deploymentGroup}, replaced ${deploymentId}. That deployment now owns the service: nothing was rolled back over it.`,
        };
    }
    targetId ??= (await codedeploy.send(new ListDeploymentTargetsCommand({ deploymentId })))
      .targetIds?.[0];
    const green =
      targetId === undefined
        ? undefined
        : greenOf(
            (
              await codedeploy.send(
                new BatchGetDeploymentTargetsCommand({ deploymentId, targetIds: [targetId] }),
              )
            ).deploymentTargets?.[0]?.ecsTarget?.taskSetsInfo ?? [],
          );
    const stopped =
      green?.identifer === undefined ? [] : await stoppedTasks.report(green.identifer);
    const verdict = watch.judge(stopped, green?.runningCount ?? 0, green?.desiredCount ?? 0);
    if (verdict.kind !== 'holding') return verdict;
    const summary = verdict.summary;
    return info.status === 'Succeeded'
      ? {
          kind: 'ended',
          summary: `the deployment succeeded and the old version is gone (${summary})`,
        }
      : { kind: 'holding', summary };
  };
}

/** A readable reason from CodeDeploy's errorInformation and rollbackInfo. */
export function describeFailure(info: DeploymentInfo): string {
  const error = info.errorInformation;
  const parts = [
    error === undefined
      ? `The deployment ended ${info.status ?? 'unsuccessfully'}.`
      : `${error.code ?? 'ERROR'}: ${error.message ?? ''}`,
  ];
  if (info.rollbackInfo?.rollbackDeploymentId !== undefined) {
    parts.push(
      `CodeDeploy rolled it back with deployment ${info.rollbackInfo.rollbackDeploymentId}.`,
    );
  }
  return parts.join(' ');
}

export interface FollowCodeDeployOptions extends FollowTiming {
  codedeploy: CodeDeploy;
  deploymentId: string;
  /**
   * `ready`: stop following once test traffic is up and CodeDeploy waits for ContinueDeployment;
   * `shifted`: once all production traffic is on the new version and the old task set's
   * termination wait has begun (the bake runs from there); `complete`: to the end.
   */
  until: 'ready' | 'shifted' | 'complete';
  /** Reports the new task set's stopped tasks while it is short of running tasks. */
  stoppedTasks?: StoppedTasks;
  /** The deployment's ECS target (ecsTargetId); listed when not given, or not found under it. */
  targetId?: string | undefined;
  /** The config's traffic routing, when the caller read it already; read at the first read if not. */
  routing?: Routing | undefined;
  /**
   * How long the new tasks take to pass the target group's health checks (targetGroupsHealthyMs),
   * when known: nothing shifts before, so reads back off until the new tasks are due healthy.
   */
  greenHealthyMs?: number | undefined;
  /** The start times of the running tasks a task set started (runningTaskStarts), for that due time. */
  taskStarts?: ((taskSetId: string) => Promise<number[]>) | undefined;
  /**
   * The caller has just created the deployment: its new tasks cannot run sooner than the first
   * look at them (with greenHealthyMs known), so the first read waits for it.
   */
  fresh?: boolean;
}

/** Follows a CodeDeploy ECS deployment through its lifecycle events and traffic weights. */
export async function followCodeDeployDeployment(
  options: FollowCodeDeployOptions,
): Promise<CodeDeployOutcome> {
  const { deploymentId, logger } = options;
  const follower = new CodeDeployFollower(options);
  const result = await poll<Observation>({
    read: () => follower.observe(),
    done: (o) => follower.done(o),
    fingerprint: (o) =>
      JSON.stringify([
        o.info.status,
        o.taskSets.map((t) => [t.trafficWeight, t.runningCount]),
        o.events.map((e) => e.status),
      ]),
    intervalHint: (o) => follower.intervalHint(o),
    minIntervalMs: options.minIntervalMs ?? 2000,
    // Past the time the new tasks were due healthy, reads come each 1.3 s until traffic shifts.
    minHintMs: 1000,
    ...(options.fresh === true && options.greenHealthyMs !== undefined
      ? { firstReadAfterMs: startingLookMs(options.greenHealthyMs) }
      : {}),
    maxIntervalMs: options.maxIntervalMs ?? 15_000,
    timeoutMs: options.timeoutMs,
    what: `CodeDeploy deployment ${deploymentId} to ${options.until === 'ready' ? 'be ready' : options.until === 'shifted' ? 'shift all traffic' : 'finish'}`,
    clock: options.clock,
    sleep: options.sleep,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onReadError: (error, progress) => {
      logger.warning(
        `Reading deployment ${deploymentId} failed after the SDK's retries (${awsErrorCode(error) ?? 'error'}); still following it, next check in ${formatDuration(progress.nextPollMs)}.`,
      );
    },
    onObservation: (o, progress) => {
      const green = greenOf(o.taskSets);
      const current = o.events.find((e) => e.status === 'InProgress')?.lifecycleEventName;
      logger.info(
        `${formatDuration(progress.elapsedMs)}: ${o.info.status ?? '?'}${current === undefined ? '' : ` (${current})`}, new version ${green?.trafficWeight ?? 0}% traffic, ${green?.runningCount ?? 0}/${green?.desiredCount ?? 0} tasks running${progress.nextPollMs > 0 ? `; next check in ${formatDuration(progress.nextPollMs)}` : ''}`,
      );
    },
  });
  const info = result.observation.info;
  return {
    status: info.status ?? 'Unknown',
    reason:
      info.status === 'Succeeded' || info.status === 'Ready' || info.status === 'InProgress'
        ? `The deployment is ${info.status}.`
        : describeFailure(info),
    errorCode: info.errorInformation?.code,
    rollbackDeploymentId: info.rollbackInfo?.rollbackDeploymentId,
    timeline: follower.timeline,
    polls: result.polls,
    elapsedMs: options.clock.now() - follower.started,
  };
}

/**
 * What following one CodeDeploy deployment remembers between reads: its target, the traffic
 * steps seen, the lifecycle events printed, and what tells when the next change can come (the
 * config's step interval, the termination wait). Reads skip what cannot have changed.
 */
class CodeDeployFollower {
  readonly started: number;
  readonly timeline: TrafficStep[] = [];
  private readonly doneEvents = new Set<string>();
  private targetId: string | undefined;
  private last: { taskSets: ECSTaskSet[]; events: LifecycleEvent[] } = {
    taskSets: [],
    events: [],
  };
  /** When the old task set's termination wait was first seen, and how long it lasts. */
  private terminationWait: { seenAt: number; ms: number } | undefined;
  /** The config's time between traffic steps (undefined: all at once, or unknown; null: not read). */
  private stepIntervalMs: number | undefined | null = null;
  /** When the current traffic weight was first seen. */
  private weightSeen: { weight: number; at: number } | undefined;
  /** The new task set's running/pending counts at the last read. */
  private greenCounts: string | undefined;
  /** The config moves all traffic at once (learnt from the config at the first read). */
  private allAtOnce = false;
  /** When the target (task sets, lifecycle events) was last read. */
  private targetReadAt: number | undefined;
  /**
   * When the new tasks pass their health checks at the earliest (from their start times);
   * undefined when nothing says; not read yet while they start.
   */
  private greenDue: number | undefined | 'unread' = 'unread';
  /** The deployment as last read (GetDeployment), and when. */
  private lastInfo: DeploymentInfo | undefined;
  private infoReadAt: number | undefined;

  constructor(private readonly options: FollowCodeDeployOptions) {
    this.started = options.clock.now();
    this.targetId = options.targetId;
    if (options.routing !== undefined) {
      this.stepIntervalMs = options.routing.stepMs;
      this.allAtOnce = options.routing.allAtOnce;
    }
  }

  async observe(): Promise<Observation> {
    // While the new tasks start, and until the traffic is all on them, the target alone says
    // what moves: the deployment itself is read when the target says it no longer moves.
    const alone = this.targetAlone() ? await this.readTarget() : undefined;
    const info: DeploymentInfo =
      alone !== undefined && targetInFlight(alone)
        ? { ...this.lastInfo, status: 'InProgress' as const }
        : await this.readInfo();
    // The read that first sees the termination wait still reads the target: the last traffic
    // step (all on the new version) is seen there.
    const waitWasKnown = this.terminationWait !== undefined;
    this.noteTerminationWait(info);
    // The analysis runs on every read while the deployment moves, whatever else is read.
    if (!TERMINAL.includes(info.status ?? '') && info.status !== 'Ready')
      await this.options.analysis?.check();
    // The config says whether traffic moves in steps; all at once, the new task set's health is
    // the only wait left once it runs, and the deployment's status says when it is over.
    if (this.stepIntervalMs === null) {
      const routing = await this.readRouting(info.deploymentConfigName);
      this.stepIntervalMs = routing.stepMs;
      this.allAtOnce = routing.allAtOnce;
    }
    if (alone === undefined && this.shiftedAllAtOnce(info, waitWasKnown))
      return this.allShifted(info);
    if (alone === undefined && this.nothingElseMoves(info, waitWasKnown))
      return { info, ...this.last };
    const { taskSets, events } = alone ?? (await this.readTarget());
    this.targetReadAt = this.options.clock.now();
    this.noteTraffic(taskSets);
    await this.reportGreenStoppedTasks(info, taskSets);
    this.printLifecycle(events);
    this.last = { taskSets, events };
    await this.learnGreenDue(info, taskSets);
    return { info, taskSets, events };
  }

  private async readInfo(): Promise<DeploymentInfo> {
    const { codedeploy, deploymentId } = this.options;
    const info =
      (await codedeploy.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo ?? {};
    this.lastInfo = info;
    this.infoReadAt = this.options.clock.now();
    return info;
  }

  /**
   * Whether the next read is of the target alone: the deployment is in flight (or just created),
   * the config's routing is known, and nothing is awaited that only the deployment shows (the
   * termination wait; all at once, the end once the new tasks run). The deployment itself is
   * read at least each minute, should a stop not show on its target.
   */
  private targetAlone(): boolean {
    const sinceInfo = this.options.clock.now() - (this.infoReadAt ?? this.started);
    const inFlight =
      this.lastInfo === undefined
        ? this.options.fresh === true
        : this.lastInfo.status === 'InProgress';
    return (
      inFlight &&
      sinceInfo < INFO_AT_LEAST_MS &&
      this.options.greenHealthyMs !== undefined &&
      this.stepIntervalMs !== null &&
      this.terminationWait === undefined &&
      !this.awaitingShiftAllAtOnce()
    );
  }

  /**
   * All at once, with the new task set running and no traffic on it when last seen: the shift is
   * all that is left, and the deployment's status says when it comes.
   */
  private awaitingShiftAllAtOnce(): boolean {
    const green = greenOf(this.last.taskSets);
    return this.allAtOnce && allRunning(green) && (green?.trafficWeight ?? 0) === 0;
  }

  /**
   * All at once, a deployment that succeeded from a running new task set with no traffic on it
   * has moved all its traffic there: the target is not read again to be told so.
   */
  private shiftedAllAtOnce(info: DeploymentInfo, waitWasKnown: boolean): boolean {
    return info.status === 'Succeeded' && !waitWasKnown && this.awaitingShiftAllAtOnce();
  }

  private allShifted(info: DeploymentInfo): Observation {
    const taskSets = this.last.taskSets.map((t) => ({
      ...t,
      trafficWeight: t.taskSetLabel === 'Green' ? 100 : 0,
    }));
    this.noteTraffic(taskSets);
    this.options.logger.info(
      'lifecycle: CodeDeploy reports the deployment Succeeded, its lifecycle events and hooks done',
    );
    this.last = { taskSets, events: this.last.events };
    return { info, ...this.last };
  }

  done(o: Observation): boolean {
    return (
      TERMINAL.includes(o.info.status ?? '') ||
      (this.options.until === 'ready' && o.info.status === 'Ready') ||
      (this.options.until === 'shifted' && this.terminationWait !== undefined)
    );
  }

  /**
   * Reads are timed by what is known to come next, not by a backed-off guess: the end of the
   * termination wait, the next traffic step, or (once the new tasks run) the first shift.
   */
  intervalHint(o: Observation): number | undefined {
    const now = this.options.clock.now();
    if (this.terminationWait !== undefined)
      return this.terminationWait.seenAt + this.terminationWait.ms - now + 250;
    if (o.info.status !== 'InProgress') return undefined;
    const green = greenOf(o.taskSets);
    const weight = green?.trafficWeight ?? 0;
    const nextStep = this.nextStep();
    if (weight > 0 && weight < 100 && nextStep !== undefined) return nextStep - now + 250;
    if (weight !== 0) return undefined;
    const healthyMs = this.options.greenHealthyMs;
    // The new tasks run: traffic shifts once they pass their health checks. Past that time
    // CodeDeploy shifts on its own checks, seconds later (nearDueWait).
    if (allRunning(green)) {
      if (typeof this.greenDue !== 'number' || healthyMs === undefined) return 0;
      return nearDueWait(this.greenDue, healthyMs, now);
    }
    // They start: looks come often enough to see them run before they can pass their checks.
    if (healthyMs === undefined || this.targetReadAt === undefined) return undefined;
    return this.targetAlone()
      ? this.targetReadAt + startingLookMs(healthyMs) - now
      : towardsDue(this.targetReadAt + healthyMs, this.started, now);
  }

  /**
   * When the traffic step after the one seen is due: an interval after the weight was first seen
   * (our clock's time; CodeDeploy's timestamps are not mixed in).
   */
  private nextStep(): number | undefined {
    const step = this.stepIntervalMs;
    if (typeof step !== 'number' || step <= 0 || this.weightSeen === undefined) return undefined;
    return this.weightSeen.at + step;
  }

  /**
   * Once every new task runs (and no traffic is on them yet): when they pass the target group's
   * health checks at the earliest, from when the last of them started (read once).
   */
  private async learnGreenDue(info: DeploymentInfo, taskSets: ECSTaskSet[]): Promise<void> {
    const { greenHealthyMs, taskStarts, logger } = this.options;
    if (this.greenDue !== 'unread' || greenHealthyMs === undefined || taskStarts === undefined)
      return;
    const green = greenOf(taskSets);
    if (
      info.status !== 'InProgress' ||
      (green?.trafficWeight ?? 0) > 0 ||
      !allRunning(green) ||
      green?.identifer === undefined
    )
      return;
    this.greenDue = undefined;
    try {
      const last = (await taskStarts(green.identifer)).at(-1);
      if (last === undefined) return;
      this.greenDue = last + greenHealthyMs;
      logger.info(
        `The new tasks run: they pass the target group's health checks from ${new Date(last + greenHealthyMs).toISOString()} at the earliest, and CodeDeploy shifts traffic after that; reading then.`,
      );
    } catch (error) {
      logger.debug(
        `Could not read when the new tasks started (${awsErrorCode(error) ?? 'error'}); reading often until traffic shifts.`,
      );
    }
  }

  private noteTerminationWait(info: DeploymentInfo): void {
    if (info.instanceTerminationWaitTimeStarted !== true || this.terminationWait !== undefined)
      return;
    const minutes =
      info.blueGreenDeploymentConfiguration?.terminateBlueInstancesOnDeploymentSuccess
        ?.terminationWaitTimeInMinutes ?? 0;
    this.terminationWait = { seenAt: this.options.clock.now(), ms: minutes * 60_000 };
  }

  /** Whether only the status can have changed since the last read, so the target is not read. */
  private nothingElseMoves(info: DeploymentInfo, waitWasKnown: boolean): boolean {
    // During the termination wait traffic and tasks no longer change.
    if (waitWasKnown && !TERMINAL.includes(info.status ?? '')) return true;
    if (info.status === 'Created' || info.status === 'Queued') return true;
    // All at once, with the new task set running and no traffic on it yet: only the status can
    // change next (the shift comes with Succeeded, or with the termination wait's start).
    if (
      info.status === 'InProgress' &&
      info.instanceTerminationWaitTimeStarted !== true &&
      this.awaitingShiftAllAtOnce()
    )
      return true;
    const green = greenOf(this.last.taskSets);
    // While the new tasks start, none can pass its checks sooner than that after the last look.
    const now = this.options.clock.now();
    const healthyMs = this.options.greenHealthyMs;
    if (
      info.status === 'InProgress' &&
      healthyMs !== undefined &&
      this.targetReadAt !== undefined &&
      (green?.trafficWeight ?? 0) === 0 &&
      !allRunning(green) &&
      now < this.targetReadAt + healthyMs
    )
      return true;
    // Between traffic steps nothing moves until the next one is due.
    const lastWeight = this.weightSeen?.weight ?? 0;
    const nextStep = this.nextStep();
    return (
      info.status === 'InProgress' &&
      lastWeight > 0 &&
      lastWeight < 100 &&
      nextStep !== undefined &&
      now < nextStep
    );
  }

  /** The deployment's target: by the id given (CodeDeploy's format), else as CodeDeploy lists it. */
  private async readTarget(): Promise<TargetView> {
    const { codedeploy, deploymentId } = this.options;
    const none: TargetView = { status: undefined, taskSets: [], events: [] };
    const known = this.targetId === undefined ? undefined : await this.batchGet(this.targetId);
    if (known !== undefined) return known;
    const listed = (await codedeploy.send(new ListDeploymentTargetsCommand({ deploymentId })))
      .targetIds?.[0];
    if (listed === undefined || listed === this.targetId) return none;
    this.targetId = listed;
    return (await this.batchGet(listed)) ?? none;
  }

  private async batchGet(targetId: string): Promise<TargetView | undefined> {
    const { codedeploy, deploymentId } = this.options;
    try {
      const target = (
        await codedeploy.send(
          new BatchGetDeploymentTargetsCommand({ deploymentId, targetIds: [targetId] }),
        )
      ).deploymentTargets?.[0]?.ecsTarget;
      return target === undefined
        ? undefined
        : {
            status: target.status,
            taskSets: target.taskSetsInfo ?? [],
            events: target.lifecycleEvents ?? [],
          };
    } catch (error) {
      // Not (yet) a target of this deployment: it is listed instead.
      if (
        ['DeploymentTargetDoesNotExistException', 'InvalidDeploymentTargetIdException'].includes(
          awsErrorCode(error) ?? '',
        )
      )
        return undefined;
      throw error;
    }
  }

  /** Records a new traffic weight on the timeline (and when it was first seen). */
  private noteTraffic(taskSets: ECSTaskSet[]): void {
    const now = this.options.clock.now();
    const green = greenOf(taskSets)?.trafficWeight;
    if (green !== undefined && this.weightSeen?.weight !== green)
      this.weightSeen = { weight: green, at: now };
    if (
      green !== undefined &&
      this.timeline.at(-1)?.greenPercent !== green &&
      (green > 0 || this.timeline.length > 0)
    ) {
      const time = this.options.clock.now();
      this.timeline.push({ at: time - this.started, time, greenPercent: green });
      this.options.logger.info(`traffic: ${green}% on the new version, ${100 - green}% on the old`);
    }
  }

  /** The config's time between traffic steps, and whether it moves all traffic at once. */
  private async readRouting(
    name: string | undefined,
  ): Promise<{ stepMs: number | undefined; allAtOnce: boolean }> {
    if (name === undefined) return { stepMs: undefined, allAtOnce: false };
    try {
      return routingOf(
        (
          await this.options.codedeploy.send(
            new GetDeploymentConfigCommand({ deploymentConfigName: name }),
          )
        ).deploymentConfigInfo?.trafficRoutingConfig,
      );
    } catch {
      // Without the config, polling only adapts to what it sees.
      return { stepMs: undefined, allAtOnce: false };
    }
  }

  /** While the new task set is short of running tasks (or the deployment failed), says why. */
  private async reportGreenStoppedTasks(
    info: DeploymentInfo,
    taskSets: ECSTaskSet[],
  ): Promise<void> {
    const greenSet = greenOf(taskSets);
    // Tasks that only wait to start (the same counts as the last read) have stopped nothing:
    // the task list is read again when the counts move (a crash shows as one) or at a failure.
    // At the first look, tasks none of which ran yet have no stop worth a read.
    const counts = `${greenSet?.runningCount ?? 0}/${greenSet?.pendingCount ?? 0}`;
    const moved =
      this.greenCounts === undefined
        ? (greenSet?.runningCount ?? 0) > 0
        : counts !== this.greenCounts;
    this.greenCounts = counts;
    if (
      this.options.stoppedTasks !== undefined &&
      greenSet?.identifer !== undefined &&
      (((greenSet.runningCount ?? 0) < (greenSet.desiredCount ?? 0) && moved) ||
        info.status === 'Failed')
    )
      await this.options.stoppedTasks.report(greenSet.identifer);
  }

  private printLifecycle(events: LifecycleEvent[]): void {
    for (const event of events) {
      const key = `${event.lifecycleEventName ?? ''}:${event.status ?? ''}`;
      if (
        event.status !== 'Pending' &&
        event.status !== 'InProgress' &&
        !this.doneEvents.has(key)
      ) {
        this.doneEvents.add(key);
        this.options.logger.info(
          `lifecycle: ${event.lifecycleEventName ?? ''} ${event.status ?? ''}`,
        );
      }
    }
  }
}

/** The new (green) task set among a target's task sets. */
function greenOf(taskSets: readonly ECSTaskSet[]): ECSTaskSet | undefined {
  return taskSets.find((t) => t.taskSetLabel === 'Green');
}

/**
 * Whether a look at the target alone says the deployment still moves with traffic not all on the
 * new version (pure): anything else (an end, a wait, the last shift) is read from the deployment.
 */
function targetInFlight(target: TargetView): boolean {
  const green = greenOf(target.taskSets);
  return target.status === 'InProgress' && (green?.trafficWeight ?? 0) < 100;
}

/** A recent deployment of the group with exactly this description. */
async function findDeploymentByDescription(
  codedeploy: CodeDeploy,
  application: string,
  deploymentGroup: string,
  description: string,
): Promise<string | undefined> {
  const listed = await codedeploy.send(
    new ListDeploymentsCommand({
      applicationName: application,
      deploymentGroupName: deploymentGroup,
      createTimeRange: { start: new Date(Date.now() - 15 * 60_000) },
    }),
  );
  for (const deploymentId of (listed.deployments ?? []).slice(0, 10)) {
    const info = (await codedeploy.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo;
    if (info?.description === description) return deploymentId;
  }
  return undefined;
}

/**
 * CreateDeployment sent at most once in effect: a token added to the description finds the
 * deployment again when the answer is lost, instead of creating a second one (which CodeDeploy
 * would refuse while the first is active, failing a deployment that is in fact running).
 */
export async function createDeploymentOnce(
  codedeploy: CodeDeploy,
  input: CreateDeploymentCommandInput & { applicationName: string; deploymentGroupName: string },
  timing: Pick<FollowTiming, 'logger' | 'sleep' | 'signal'>,
): Promise<string> {
  const description = `${input.description ?? 'ecs-delivery'} (${randomUUID().slice(0, 8)})`;
  return sendOnce({
    what: `CreateDeployment in ${input.applicationName}/${input.deploymentGroupName}`,
    send: async () =>
      (await codedeploy.send(new CreateDeploymentCommand({ ...input, description })))
        .deploymentId ?? '',
    findOwn: () =>
      findDeploymentByDescription(
        codedeploy,
        input.applicationName,
        input.deploymentGroupName,
        description,
      ),
    logger: timing.logger,
    sleep: timing.sleep,
    ...(timing.signal === undefined ? {} : { signal: timing.signal }),
  });
}
