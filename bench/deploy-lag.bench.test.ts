// Completion-detection lag and AWS calls per deployment, per strategy, at time scale 1: our
// ecs-deploy against a fixed 1 s poller and a 15 s poller (the anchor's waiter polls at 15 s+)
// on the same scenario, run side by side against one test bed.
//
// The deployments have fixed, stated lengths (LENGTHS): tasks start in 20 s; behind a load
// balancer they are healthy after its health checks (5 s x 3) and drained for its deregistration
// delay (15 s) before they stop; an app exits 1 s after SIGTERM; the bake is 0.
import {
  CodeDeployClient,
  CreateDeploymentCommand,
  CreateDeploymentConfigCommand,
  GetDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { expect, inject, it } from 'vitest';
import { TestbedControl } from '../test/testbed/client.ts';
import { sdkConfig, uniqueAccessKey } from '../test/support/aws-env.js';
import { appSpec, createBlueGreenService } from '../test/support/codedeploy-fixtures.js';
import { runDeploy } from '../test/support/deploy-run.js';
import { createRollingService, registerWebTaskDefinition } from '../test/support/ecs-fixtures.js';
import { type NativeOptions, createNativeService } from '../test/support/native-fixtures.js';
import { type BenchRow, median, writeResults } from './support.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const admin = sdkConfig();
const ecs = new ECSClient(admin);
const elbv2 = new ElasticLoadBalancingV2Client(admin);
const codedeploy = new CodeDeployClient(admin);
const OURS = Number(process.env['BENCH_DEPLOYMENTS'] ?? 20);
const BASELINE = Number(process.env['BENCH_BASELINE_DEPLOYMENTS'] ?? 5);
/**
 * BENCH_STRATEGIES (comma-separated) runs only those strategies, to work on one: the rows and our
 * first run's requests are printed, and the results file is left as it is.
 */
const ONLY = process.env['BENCH_STRATEGIES']?.split(',').filter((s) => s !== '');

type Strategy =
  | 'rolling-alb'
  | 'rolling'
  | 'blue-green'
  | 'canary'
  | 'linear'
  | 'native-blue-green'
  | 'native-canary'
  | 'native-linear';
const STRATEGY_INPUTS: Record<Strategy, Record<string, string>> = {
  'rolling-alb': {},
  rolling: {},
  'blue-green': { strategy: 'blue-green' },
  canary: { strategy: 'canary', 'traffic-percentage': '20', 'traffic-interval': '1' },
  linear: { strategy: 'linear', 'traffic-percentage': '50', 'traffic-interval': '1' },
  // ECS's own strategies: the service is configured as the inputs say, so nothing changes on it.
  'native-blue-green': { strategy: 'blue-green' },
  'native-canary': { strategy: 'canary', 'traffic-percentage': '20', 'traffic-interval': '1' },
  'native-linear': { strategy: 'linear', 'traffic-percentage': '50', 'traffic-interval': '1' },
};
const CONFIGS: Partial<Record<Strategy, string>> = {
  'blue-green': 'CodeDeployDefault.ECSAllAtOnce',
  canary: 'EcsDelivery.Canary20Percent1Minutes',
  linear: 'EcsDelivery.Linear50PercentEvery1Minutes',
};
/**
 * The test bed's task timing for every deployment here (emulated seconds at time scale 1); a task
 * with neither load balancer nor container health check counts as healthy 40 s after it runs, as
 * ECS documents (healthySeconds is for container health checks, which these tasks have none of).
 */
const TASK_TIMINGS = { taskStartSeconds: 20, healthySeconds: 15, stopSeconds: 1 };
/** The load balancer of the services behind one: health checks 5 s x 3, deregistration delay 15 s. */
const ALB = { intervalSeconds: 5, healthyThreshold: 3, drainSeconds: 15 };
/** What each deployment takes in the test bed, for the table. */
const LENGTHS: Record<Strategy, string> = {
  'rolling-alb': 'start 20 s + health checks 15 s + drain 15 s + exit 1 s = 51 s',
  rolling:
    "no load balancer, no container health check: start 20 s + ECS's 40 s before it counts the new tasks + exit 1 s = 61 s",
  'blue-green':
    'CodeDeploy, all at once: start 20 s + healthy 15 s, then its checks (5 s) and shift',
  canary: 'CodeDeploy: as blue-green, then 20% for 1 min',
  linear: 'CodeDeploy: as blue-green, then 50% for 1 min',
  'native-blue-green': 'ECS stages + start 20 s + health checks 15 s + drain 15 s + exit 1 s',
  'native-canary': 'as native blue-green, with 20% for 1 min',
  'native-linear': 'as native blue-green, with 50% for 1 min',
};
const NATIVE: Partial<Record<Strategy, NativeOptions>> = {
  'rolling-alb': { strategy: 'ROLLING', desiredCount: 2, targetGroupTiming: ALB },
  'native-blue-green': { strategy: 'BLUE_GREEN', desiredCount: 2, targetGroupTiming: ALB },
  'native-canary': {
    strategy: 'CANARY',
    canaryPercent: 20,
    canaryBakeMinutes: 1,
    desiredCount: 2,
    targetGroupTiming: ALB,
  },
  'native-linear': {
    strategy: 'LINEAR',
    stepPercent: 50,
    stepBakeMinutes: 1,
    desiredCount: 2,
    targetGroupTiming: ALB,
  },
};

interface Target {
  cluster: string;
  service: string;
  next: string;
  accessKey: string;
  codedeploy?: { application: string; group: string };
  native?: boolean;
}

interface Run {
  deploymentId: string;
  returnedAt: number;
  accessKey: string;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function targets(strategy: Strategy, count: number): Promise<Target[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const native = NATIVE[strategy];
      if (native !== undefined) {
        const service = await createNativeService({ ecs, elbv2 }, endpoint, native);
        const next = await registerWebTaskDefinition(ecs, service.family, 'registry.example/web:2');
        return {
          cluster: service.cluster,
          service: service.service,
          next,
          accessKey: uniqueAccessKey(),
          native: native.strategy !== 'ROLLING',
        };
      }
      if (strategy === 'rolling') {
        const service = await createRollingService(ecs, { desiredCount: 2 });
        // No container health check: ECS counts the new tasks 40 s after they run.
        const next = await registerWebTaskDefinition(
          ecs,
          service.family,
          'registry.example/web:2',
          {
            healthCheck: undefined,
          },
        );
        return {
          cluster: service.cluster,
          service: service.service,
          next,
          accessKey: uniqueAccessKey(),
        };
      }
      const service = await createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint, {
        desiredCount: 2,
      });
      const next = await registerWebTaskDefinition(ecs, service.family, 'registry.example/web:2');
      return {
        cluster: service.cluster,
        service: service.service,
        next,
        accessKey: uniqueAccessKey(),
        codedeploy: { application: service.application, group: service.group },
      };
    }),
  );
}

/** A follower with a fixed interval and one read per check, as a simple script would poll. */
async function fixedPoller(strategy: Strategy, target: Target, intervalMs: number): Promise<Run> {
  const config = sdkConfig(target.accessKey);
  if (target.codedeploy === undefined) {
    const client = new ECSClient(config);
    const updated = await client.send(
      new UpdateServiceCommand({
        cluster: target.cluster,
        service: target.service,
        taskDefinition: target.next,
      }),
    );
    const deploymentId =
      updated.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
    if (target.native === true)
      return await followNativeFixed(client, target, deploymentId, intervalMs);
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      const service = (
        await client.send(
          new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }),
        )
      ).services?.[0];
      const ours = service?.deployments?.find((d) => d.id === deploymentId);
      if (
        ours?.rolloutState === 'COMPLETED' ||
        ours?.rolloutState === 'FAILED' ||
        ours === undefined
      )
        return { deploymentId, returnedAt: Date.now(), accessKey: target.accessKey };
    }
  }
  const client = new CodeDeployClient(config);
  const config_ = CONFIGS[strategy];
  const deploymentId =
    (
      await client.send(
        new CreateDeploymentCommand({
          applicationName: target.codedeploy.application,
          deploymentGroupName: target.codedeploy.group,
          ...(config_ === undefined ? {} : { deploymentConfigName: config_ }),
          revision: { revisionType: 'AppSpecContent', appSpecContent: appSpec(target.next) },
        }),
      )
    ).deploymentId ?? '';
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const status = (await client.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo
      ?.status;
    if (status === 'Succeeded' || status === 'Failed' || status === 'Stopped')
      return { deploymentId, returnedAt: Date.now(), accessKey: target.accessKey };
  }
}

/** An ECS-native deployment as a simple script follows it: its newest service deployment, read at a fixed interval. */
async function followNativeFixed(
  client: ECSClient,
  target: Target,
  deploymentId: string,
  intervalMs: number,
): Promise<Run> {
  let arn: string | undefined;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    arn ??= (
      await client.send(
        new ListServiceDeploymentsCommand({ cluster: target.cluster, service: target.service }),
      )
    ).serviceDeployments?.[0]?.serviceDeploymentArn;
    if (arn === undefined) continue;
    const status = (
      await client.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))
    ).serviceDeployments?.[0]?.status;
    if (['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED'].includes(status ?? ''))
      return { deploymentId, returnedAt: Date.now(), accessKey: target.accessKey };
  }
}

async function ours(target: Target, strategy: Strategy): Promise<Run> {
  const run = await runDeploy(
    {
      cluster: target.cluster,
      service: target.service,
      'task-definition': target.next,
      ...STRATEGY_INPUTS[strategy],
    },
    target.accessKey,
  );
  const returnedAt = Date.now();
  expect(run.failures).toEqual([]);
  return {
    deploymentId: run.outputs.get('deployment-id') ?? '',
    returnedAt,
    accessKey: target.accessKey,
  };
}

async function measure(runs: Run[], since: number) {
  const journal = await control.journal(since);
  const lags: number[] = [];
  const calls: Record<string, number>[] = [];
  for (const run of runs) {
    const end = journal.find(
      (e) =>
        e.kind === 'deployment' &&
        e['deploymentId'] === run.deploymentId &&
        (e['rolloutState'] === 'COMPLETED' || e['state'] === 'Succeeded'),
    );
    if (end !== undefined) lags.push(run.returnedAt - Number(end['wallTime']) * 1000);
    const byOperation: Record<string, number> = {};
    for (const request of journal.filter(
      (e) => e.kind === 'request' && e.accessKey === run.accessKey,
    )) {
      byOperation[request.operation ?? '?'] = (byOperation[request.operation ?? '?'] ?? 0) + 1;
    }
    calls.push(byOperation);
  }
  // The ECS reads of one deployment per minute it lasts: ECS throttles an account's reads of
  // services (DescribeServices) and of service deployments at 20 per second each, sustained.
  const readsPerMinute = runs.map((run) => {
    const sent = journal.filter((e) => e.kind === 'request' && e.accessKey === run.accessKey);
    const start = sent.find(
      (e) => e.operation === 'UpdateService' || e.operation === 'CreateDeployment',
    );
    const reads = sent.filter(
      (e) => e.operation === 'DescribeServices' || e.operation === 'DescribeServiceDeployments',
    ).length;
    const minutes = (run.returnedAt / 1000 - (start?.time ?? run.returnedAt / 1000)) / 60;
    return minutes > 0 ? reads / minutes : 0;
  });
  const totals = calls.map((c) => Object.values(c).reduce((a, b) => a + b, 0));
  // From the write on (the deployment's start and its following), as a plain poller counts.
  const following = runs.map((run) => {
    const sent = journal.filter((e) => e.kind === 'request' && e.accessKey === run.accessKey);
    const start = sent.findIndex(
      (e) => e.operation === 'UpdateService' || e.operation === 'CreateDeployment',
    );
    return start === -1 ? 0 : sent.length - start;
  });
  const operations: Record<string, number> = {};
  for (const c of calls)
    for (const [op, n] of Object.entries(c))
      operations[op] = (operations[op] ?? 0) + n / calls.length;
  return {
    lags,
    medianLag: median(lags),
    p95Lag: percentile(lags, 95),
    medianCalls: median(totals),
    medianFollowingCalls: median(following),
    medianReadsPerMinute: median(readsPerMinute),
    operations,
  };
}

/** One run's requests and its end, in seconds from its write (for BENCH_STRATEGIES). */
async function printTrace(strategy: string, run: Run | undefined, since: number) {
  if (run === undefined) return;
  const journal = await control.journal(since);
  const sent = journal.filter((e) => e.kind === 'request' && e.accessKey === run.accessKey);
  const start = sent.find(
    (e) => e.operation === 'UpdateService' || e.operation === 'CreateDeployment',
  );
  const t0 = start?.time ?? 0;
  const lines = journal
    .filter(
      (e) =>
        (e.kind === 'request' && e.accessKey === run.accessKey) ||
        (e.kind === 'deployment' && e['deploymentId'] === run.deploymentId),
    )
    .map(
      (e) =>
        `${((e.wallTime ?? e.time) - t0).toFixed(2).padStart(7)} ${e.kind === 'request' ? (e.operation ?? '?') : `deployment ${typeof e['rolloutState'] === 'string' ? e['rolloutState'] : (e.state ?? '')}`}`,
    );
  console.log(
    `${strategy}: ${run.deploymentId}, returned ${(run.returnedAt / 1000 - t0).toFixed(2)}\n${lines.join('\n')}`,
  );
}

it.runIf(inject('testbed'))(
  `deployment lag and AWS calls per strategy at time scale 1 (${OURS} of ours, ${BASELINE} each of a 1 s and a 15 s poller)`,
  async () => {
    const rows: BenchRow[] = [];
    const details: Record<string, unknown> = {};
    const initialScale = (await control.status()).scale;
    // The custom configs ecs-deploy creates on first use; the fixed pollers use them too.
    for (const [name, type, percentage] of [
      ['EcsDelivery.Canary20Percent1Minutes', 'TimeBasedCanary', 20],
      ['EcsDelivery.Linear50PercentEvery1Minutes', 'TimeBasedLinear', 50],
    ] as const) {
      await codedeploy
        .send(
          new CreateDeploymentConfigCommand({
            deploymentConfigName: name,
            computePlatform: 'ECS',
            trafficRoutingConfig:
              type === 'TimeBasedCanary'
                ? { type, timeBasedCanary: { canaryPercentage: percentage, canaryInterval: 1 } }
                : { type, timeBasedLinear: { linearPercentage: percentage, linearInterval: 1 } },
          }),
        )
        .catch((error: unknown) => {
          if ((error as Error).name !== 'DeploymentConfigAlreadyExistsException') throw error;
        });
    }
    await control.setTimings(TASK_TIMINGS);
    for (const strategy of (
      [
        'rolling-alb',
        'rolling',
        'blue-green',
        'canary',
        'linear',
        'native-blue-green',
        'native-canary',
        'native-linear',
      ] as const
    ).filter((name) => ONLY === undefined || ONLY.includes(name))) {
      await control.setScale(60);
      const [mine, fast, slow] = await Promise.all([
        targets(strategy, OURS),
        targets(strategy, BASELINE),
        targets(strategy, BASELINE),
      ]);
      await control.setScale(1);
      const since = await control.mark();
      // Each deployment starts after a random delay (up to 5 s), so that identical services do not
      // move in lockstep and the lags spread as they would between unrelated deployments.
      const jittered = <T>(start: () => Promise<T>) =>
        new Promise((resolve) => setTimeout(resolve, Math.random() * 5000)).then(start);
      const [oursRuns, fastRuns, slowRuns] = await Promise.all([
        Promise.all(mine.map((t) => jittered(() => ours(t, strategy)))),
        Promise.all(fast.map((t) => jittered(() => fixedPoller(strategy, t, 1000)))),
        Promise.all(slow.map((t) => jittered(() => fixedPoller(strategy, t, 15_000)))),
      ]);
      const [o, f, s] = await Promise.all([
        measure(oursRuns, since),
        measure(fastRuns, since),
        measure(slowRuns, since),
      ]);
      details[strategy] = { ours: o, poller1s: f, poller15s: s };
      if (ONLY !== undefined) await printTrace(strategy, oursRuns[0], since);
      rows.push(
        {
          figure: `${strategy}: lag, terminal state to step return (median / p95 of ${o.lags.length})`,
          value: `${seconds(o.medianLag)} / ${seconds(o.p95Lag)}`,
          baseline: `15 s poller ${seconds(s.medianLag)}; 1 s poller ${seconds(f.medianLag)}`,
          ratio: (o.medianLag / Math.max(1, s.medianLag)).toFixed(2),
          goal: 'p95 ≤ 1.5 s',
        },
        {
          figure: `${strategy}: AWS calls per deployment from the write on (median; ${LENGTHS[strategy]})`,
          value: String(o.medianFollowingCalls),
          baseline: `1 s poller ${f.medianFollowingCalls}`,
          ratio: (o.medianFollowingCalls / Math.max(1, f.medianFollowingCalls)).toFixed(2),
          goal: '≤ 0.25, with p95 lag ≤ 1.5 s',
        },
        ...(strategy === 'blue-green' || strategy === 'canary' || strategy === 'linear'
          ? []
          : [
              {
                figure: `${strategy}: ECS reads per minute of one deployment → deployments at once within ECS's documented 20 reads/s (DescribeServices; DescribeServiceDeployments has its own 20/s)`,
                value: `${o.medianReadsPerMinute.toFixed(1)}/min → ${Math.floor(1200 / Math.max(1, o.medianReadsPerMinute))}`,
                baseline: `1 s poller ${f.medianReadsPerMinute.toFixed(1)}/min → ${Math.floor(1200 / Math.max(1, f.medianReadsPerMinute))}`,
                ratio: (f.medianReadsPerMinute / Math.max(1, o.medianReadsPerMinute)).toFixed(2),
                goal: '—',
              },
            ]),
        {
          figure: `${strategy}: AWS calls per deployment, all (with the checks before the write)`,
          value: String(o.medianCalls),
          baseline: `1 s poller ${f.medianCalls}`,
          ratio: (o.medianCalls / Math.max(1, f.medianCalls)).toFixed(2),
          goal: '—',
        },
      );
    }
    if (ONLY !== undefined) {
      console.log(JSON.stringify(rows, null, 2));
      await control.setScale(initialScale);
      return;
    }
    // The bake, reported on its own (the rows above have it at 0): what a 30 s bake adds to a
    // rolling deployment from ECS's COMPLETED to the step's return, and the calls it makes.
    {
      await control.setScale(60);
      const [target] = await targets('rolling', 1);
      await control.setScale(1);
      if (target === undefined) throw new Error('no rolling target for the bake row');
      const since = await control.mark();
      const run = await runDeploy(
        {
          cluster: target.cluster,
          service: target.service,
          'task-definition': target.next,
          'bake-time': '30s',
        },
        target.accessKey,
      );
      const returnedAt = Date.now();
      expect(run.failures).toEqual([]);
      const baked = await measure(
        [
          {
            deploymentId: run.outputs.get('deployment-id') ?? '',
            returnedAt,
            accessKey: target.accessKey,
          },
        ],
        since,
      );
      const rolling = details['rolling'] as {
        ours: { medianLag: number; medianFollowingCalls: number };
      };
      details['bake'] = { bakeSeconds: 30, ...baked };
      rows.push({
        figure:
          'rolling with bake-time 30s: COMPLETED to step return / AWS calls from the write on',
        value: `${seconds(baked.medianLag)} / ${baked.medianFollowingCalls}`,
        baseline: `bake 0: ${seconds(rolling.ours.medianLag)} / ${rolling.ours.medianFollowingCalls}`,
        ratio: '—',
        goal: 'bake + lag; 2 calls per 15 s of bake',
      });
    }
    await control.setScale(initialScale);
    await control.setTimings({ taskStartSeconds: 20, healthySeconds: 15, stopSeconds: 15 });
    writeResults('deploy-lag', { rows, details, taskTimings: TASK_TIMINGS, loadBalancer: ALB });
  },
);
