import { readFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { type TestbedInfo, isAlive, startTestbed, stateFile, stopTestbed } from '../testbed/bed.ts';
import { type JournalEntry, TestbedControl } from '../testbed/client.ts';

/**
 * After the tests: any response that did not match botocore's output shape, any engine event
 * that raised, or any IAM decision the two evaluators did not agree on fails the run, whichever
 * test caused it.
 */
async function checkTestbedHealth(endpoint: string, since: number): Promise<void> {
  const journal = await new TestbedControl(endpoint).journal(since);
  const problems = journal.filter(
    (entry) =>
      entry.kind === 'shape-violation' ||
      entry.kind === 'engine-error' ||
      // The test bed's two IAM evaluators (iam-simulate and tb_iam.py) decided a request
      // differently, or iam-simulate refused one (e.g. a resource named for an action that has
      // no resource-level permissions: a policy written from it would not work on AWS).
      entry.kind === 'iam-disagreement' ||
      entry.kind === 'iam-oracle-error',
  );
  if (problems.length > 0) {
    throw new Error(
      `the test bed reported ${problems.length} problem(s):\n${problems
        .slice(0, 20)
        .map(
          (p) =>
            `${p.kind}: ${JSON.stringify(p['problem'] ?? p['detail'] ?? p)} (during: ${runningAt(journal, p.seq)})`,
        )
        .join('\n')}`,
    );
  }
}

/** The tests that had started and not yet ended at a journal position (from their notes). */
export function runningAt(journal: JournalEntry[], seq: number): string {
  const open = new Map<string, string>();
  for (const entry of journal) {
    if (entry.seq > seq) break;
    if (entry.kind !== 'note') continue;
    const name = `${String(entry['file'])} > ${String(entry['test'])}`;
    if (entry['event'] === 'start') open.set(name, name);
    else open.delete(name);
  }
  return open.size === 0 ? 'no test (between tests)' : [...open.values()].join('; ');
}

declare module 'vitest' {
  export interface ProvidedContext {
    awsEndpoint: string;
    /** What the tests run against, for test names and logs. */
    emulator: string;
    /** Whether the endpoint is our test bed (control API, journal, deployment engine). */
    testbed: boolean;
    /** Registry host per region, and DOCKER_HOST, when the test bed has them. */
    registry: Record<string, string> | null;
    dockerHost: string | null;
    /** buildkitd's address, for a buildx builder with the remote driver. */
    buildkitAddress: string | null;
  }
}

function runningTestbed(): TestbedInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(stateFile, 'utf8')) as TestbedInfo;
    return isAlive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Gives the integration and e2e tiers an AWS endpoint: AWS_ENDPOINT_URL when set (LocalStack or
 * anything else), else a test bed started with `npm run testbed -- start`, else a test bed of its
 * own, stopped afterwards. It stops only what it started.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env['AWS_ENDPOINT_URL'];
  if (external !== undefined && external !== '') {
    project.provide('awsEndpoint', external);
    project.provide(
      'emulator',
      process.env['ECS_DELIVERY_EMULATOR'] ?? `external endpoint ${external}`,
    );
    project.provide('testbed', process.env['ECS_DELIVERY_TESTBED'] === 'true');
    project.provide('registry', null);
    project.provide('dockerHost', process.env['DOCKER_HOST'] ?? null);
    project.provide('buildkitAddress', process.env['BUILDKIT_HOST'] ?? null);
    if (process.env['ECS_DELIVERY_TESTBED'] !== 'true') {
      console.log(
        `Against ${external}: the suites that need the test bed (its deployment engine, which progresses ECS and CodeDeploy deployments where LocalStack only mocks them, its journal, registry and containers) are skipped; the rest run.`,
      );
    }
    return () => Promise.resolve();
  }
  const running = runningTestbed();
  if (running !== undefined) {
    project.provide('awsEndpoint', running.endpoint);
    project.provide('emulator', 'ecs-delivery test bed (moto + engine)');
    project.provide('testbed', true);
    project.provide('registry', running.registry);
    project.provide('dockerHost', running.docker?.host ?? null);
    project.provide('buildkitAddress', running.buildkit?.address ?? null);
    const mark = await new TestbedControl(running.endpoint).mark();
    return () => checkTestbedHealth(running.endpoint, mark);
  }
  const bed = await startTestbed();
  project.provide('awsEndpoint', bed.endpoint);
  project.provide('emulator', 'ecs-delivery test bed (moto + engine)');
  project.provide('testbed', true);
  project.provide('registry', bed.registry);
  project.provide('dockerHost', bed.docker?.host ?? null);
  project.provide('buildkitAddress', bed.buildkit?.address ?? null);
  return async () => {
    try {
      await checkTestbedHealth(bed.endpoint, 0);
    } finally {
      await stopTestbed(bed);
    }
  };
}
