// Many services at once: 50 rolling deployments in parallel against one test bed, first as is,
// then with ECS throttling every caller as an account's API limits do: one token bucket per API
// category, shared by all callers, sized as the ECS API Reference's "Request throttling for the
// Amazon ECS API" lists them (bucket maximum capacity = burst, refill = sustained rate per
// second). All must finish; the throttled requests the SDK and our followers absorbed are counted
// from the journal.
import { ECSClient } from '@aws-sdk/client-ecs';
import { expect, inject, it } from 'vitest';
import { TestbedControl } from '../test/testbed/client.ts';
import { sdkConfig, uniqueAccessKey } from '../test/support/aws-env.js';
import { runDeploy } from '../test/support/deploy-run.js';
import { createRollingService, registerWebTaskDefinition } from '../test/support/ecs-fixtures.js';
import { type BenchRow, median, writeResults } from './support.js';

const COUNT = Number(process.env['BENCH_PARALLEL'] ?? 50);
/** ECS's documented buckets for the operations a deployment calls: [operations, burst, rate/s]. */
const ECS_BUCKETS: [string, string[], number, number][] = [
  ['service read', ['DescribeServices', 'ListServices'], 100, 20],
  ['service modify', ['CreateService', 'DeleteService', 'UpdateService'], 50, 5],
  ['service deployment', ['DescribeServiceDeployments', 'ListServiceDeployments'], 50, 20],
  ['service revision', ['DescribeServiceRevisions'], 50, 20],
  ['cluster resource read', ['DescribeTasks', 'ListTasks'], 100, 20],
  ['cluster read', ['DescribeClusters', 'ListClusters'], 50, 20],
  ['task definition read', ['DescribeTaskDefinition', 'ListTaskDefinitions'], 50, 20],
  ['tag modify', ['TagResource', 'UntagResource'], 20, 10],
  ['tag read', ['ListTagsForResource'], 50, 20],
];
const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());

type Targets = Awaited<ReturnType<typeof services>>;

function services() {
  return Promise.all(
    Array.from({ length: COUNT }, async () => {
      const service = await createRollingService(ecs, { desiredCount: 2 });
      const next = await registerWebTaskDefinition(ecs, service.family, 'registry.example/web:2');
      return { service, next, accessKey: uniqueAccessKey() };
    }),
  );
}

async function wave(
  targets: Targets,
): Promise<{ seconds: number; completed: number; throttled: number[]; failures: string[] }> {
  const since = await control.mark();
  const started = Date.now();
  const runs = await Promise.all(
    targets.map((t) =>
      runDeploy(
        { cluster: t.service.cluster, service: t.service.service, 'task-definition': t.next },
        t.accessKey,
        // The SDK's retry budget as the actions have it by default (tests shorten it).
        { AWS_MAX_ATTEMPTS: '' },
      ),
    ),
  );
  const seconds = (Date.now() - started) / 1000;
  const journal = await control.journal(since);
  const throttled = targets.map(
    (t) =>
      journal.filter(
        (e) => e.kind === 'request' && e.accessKey === t.accessKey && e.fault === 'throttle',
      ).length,
  );
  return {
    seconds,
    completed: runs.filter((r) => r.outputs.get('status') === 'SUCCEEDED').length,
    throttled,
    failures: runs.flatMap((r) => r.failures),
  };
}

it.runIf(inject('testbed'))(
  `${COUNT} rolling deployments in parallel, then again under ECS's documented API rate limits for everyone`,
  async () => {
    // Both waves' services exist before the limit applies (it throttles every caller).
    const [first, second] = [await services(), await services()];
    const free = await wave(first);
    for (const [, operations, burst, ratePerSecond] of ECS_BUCKETS)
      await control.addFault({
        kind: 'rate-limit',
        service: 'ecs',
        operations,
        burst,
        ratePerSecond,
      });
    let limited: Awaited<ReturnType<typeof wave>>;
    try {
      limited = await wave(second);
    } finally {
      await control.clearFaults();
    }
    const rows: BenchRow[] = [
      {
        figure: `deployments completed, ${COUNT} in parallel under throttling`,
        value: `${limited.completed} of ${COUNT}`,
        baseline: `without throttling ${free.completed} of ${COUNT}`,
        ratio: (limited.completed / Math.max(1, free.completed)).toFixed(2),
        goal: `all ${COUNT}`,
      },
      {
        figure: `throttled requests absorbed per deployment (median / max; ECS buckets as documented: DescribeServices 100 burst / 20 per s, UpdateService 50 / 5, TagResource 20 / 10, …)`,
        value: `${median(limited.throttled)} / ${Math.max(...limited.throttled)}`,
        baseline: `without throttling ${median(free.throttled)}`,
        ratio: '—',
        goal: 'retried, none fatal',
      },
      {
        figure: 'wall time for the whole wave',
        value: `${limited.seconds.toFixed(1)} s`,
        baseline: `without throttling ${free.seconds.toFixed(1)} s`,
        ratio: (limited.seconds / free.seconds).toFixed(2),
        goal: '—',
      },
    ];
    const buckets = ECS_BUCKETS.map(([category, operations, burst, ratePerSecond]) => ({
      category,
      operations,
      burst,
      ratePerSecond,
    }));
    writeResults('parallel-throttled', { rows, free, limited, buckets });
    expect(limited.failures).toEqual([]);
  },
);
