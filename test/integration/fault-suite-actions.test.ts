import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { awsIdentity } from '../../src/actions/aws-identity/action.js';
import { ecrBuildPush } from '../../src/actions/ecr-build-push/action.js';
import { ecsRollback } from '../../src/actions/ecs-rollback/action.js';
import { ecsRunTask } from '../../src/actions/ecs-run-task/action.js';
import { ecsTaskDefinition } from '../../src/actions/ecs-task-definition/action.js';
import type { ActionPlan, ActionSpec } from '../../src/core/action/run.js';
import { DOCKER_CLI, repoRoot } from '../testbed/bed.ts';
import { TestbedControl } from '../testbed/client.ts';
import { sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { appWorkspace, pushToMainEnv } from '../support/build-context.js';
import { runOnBed } from '../support/deploy-run.js';
import {
  createRollingService,
  registerWebTaskDefinition,
  uniqueName,
  waitForSteady,
} from '../support/ecs-fixtures.js';

const control = new TestbedControl(inject('awsEndpoint'));
const ecs = new ECSClient(sdkConfig());
const KINDS = ['throttle', 'http500', 'http503', 'drop'] as const;
const tally = { tried: 0, passed: 0 };

interface Scenario {
  spec: ActionSpec<never, ActionPlan>;
  /** Makes what one run needs, and returns its inputs and the check of what the run left. */
  prepare(): Promise<{
    inputs: Record<string, string>;
    env?: Record<string, string>;
    check(outputs: Map<string, string>): Promise<void>;
  }>;
}

const dockerHost = inject('dockerHost');

const SCENARIOS: Record<string, Scenario> = {
  ...(dockerHost === null
    ? {}
    : {
        'ecr-build-push': {
          spec: ecrBuildPush as unknown as ActionSpec<never, ActionPlan>,
          prepare: () => {
            const workspace = appWorkspace('faults', {
              secretCheck: false,
              nonce: uniqueName('n'),
            });
            const repository = uniqueName('faults');
            return Promise.resolve({
              inputs: {
                repository,
                'create-repository': 'true',
                'docker-cli': DOCKER_CLI,
                'build-network': 'none',
              },
              env: {
                ...pushToMainEnv(workspace),
                DOCKER_HOST: dockerHost,
                RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')),
                PATH: process.env['PATH'] ?? '',
                HOME: process.env['HOME'] ?? '',
              },
              check: (outputs) => {
                expect(outputs.get('image')).toMatch(
                  new RegExp(`/${repository}@sha256:[0-9a-f]{64}$`),
                );
                return Promise.resolve();
              },
            });
          },
        } satisfies Scenario,
      }),
  'aws-identity': {
    spec: awsIdentity as unknown as ActionSpec<never, ActionPlan>,
    prepare: () =>
      Promise.resolve({
        inputs: { 'expected-account-id': '123456789012' },
        check: (outputs) => {
          expect(outputs.get('account-id')).toBe('123456789012');
          return Promise.resolve();
        },
      }),
  },
  'ecs-task-definition': {
    spec: ecsTaskDefinition as unknown as ActionSpec<never, ActionPlan>,
    prepare: () => {
      const definition = JSON.parse(
        readFileSync(join(repoRoot, 'test', 'fixtures', 'task-definitions', 'web.json'), 'utf8'),
      ) as Record<string, unknown>;
      definition['family'] = uniqueName('faults');
      const file = join(mkdtempSync(join(tmpdir(), 'td-')), 'web.json');
      writeFileSync(file, JSON.stringify(definition));
      return Promise.resolve({
        inputs: { 'task-definition': file, image: 'registry.example/web:7' },
        check: (outputs) => {
          expect(outputs.get('revision')).toBe('1');
          return Promise.resolve();
        },
      });
    },
  },
  'ecs-rollback': {
    spec: ecsRollback as unknown as ActionSpec<never, ActionPlan>,
    prepare: async () => {
      const target = await createRollingService(ecs, { desiredCount: 1 });
      const v2 = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
      await ecs.send(
        new UpdateServiceCommand({
          cluster: target.cluster,
          service: target.service,
          taskDefinition: v2,
        }),
      );
      await waitForSteady(ecs, target.cluster, target.service);
      return {
        inputs: { cluster: target.cluster, service: target.service, to: '1' },
        check: async () => {
          const described = await ecs.send(
            new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }),
          );
          expect(
            described.services?.[0]?.deployments?.map((d) => [d.taskDefinition, d.rolloutState]),
          ).toEqual([[target.firstTaskDefinition, 'COMPLETED']]);
        },
      };
    },
  },
  'ecs-run-task': {
    spec: ecsRunTask as unknown as ActionSpec<never, ActionPlan>,
    prepare: async () => {
      const family = uniqueName('job');
      const taskDefinition = await registerWebTaskDefinition(ecs, family, 'registry.example/job:1');
      const cluster = (await createRollingService(ecs, { desiredCount: 1 })).cluster;
      return {
        inputs: { cluster, 'task-definition': taskDefinition, subnets: 'subnet-0a1b2c3d' },
        check: (outputs) => {
          expect(outputs.get('status')).toBe('SUCCEEDED');
          return Promise.resolve();
        },
      };
    },
  },
};

describe.runIf(inject('testbed'))(
  'fault suite for the other actions on the test bed: each AWS operation they call throttled, failing (500, 503) or dropped twice in a row',
  () => {
    afterAll(() => {
      console.log(`fault suite (actions): ${tally.tried} cases tried, ${tally.passed} passed`);
    });

    it.concurrent.each(Object.keys(SCENARIOS))(
      '%s: every operation it calls, each fault kind, and it still ends right',
      async (name) => {
        const scenario = SCENARIOS[name] as Scenario;
        // A clean run names the operations; then each operation meets each kind of fault.
        const clean = await scenario.prepare();
        const accessKey = uniqueAccessKey();
        const mark = await control.mark();
        const first = await runOnBed(scenario.spec, clean.inputs, accessKey, clean.env);
        expect(first.failures).toEqual([]);
        await clean.check(first.outputs.values);
        const operations = [
          ...new Set((await control.requests(mark, accessKey)).map((r) => r.operation ?? '')),
        ];
        expect(operations.length).toBeGreaterThan(0);
        const failed: string[] = [];
        for (const operation of operations) {
          for (const kind of KINDS) {
            tally.tried += 1;
            const run = await scenario.prepare();
            const key = uniqueAccessKey();
            await control.addFault({ kind, operation, count: 2, accessKey: key });
            const result = await runOnBed(scenario.spec, run.inputs, key, run.env);
            try {
              expect(result.failures).toEqual([]);
              await run.check(result.outputs.values);
              tally.passed += 1;
            } catch (error) {
              failed.push(`${operation} ${kind}: ${result.failures.join('; ') || String(error)}`);
            }
          }
        }
        expect(failed).toEqual([]);
      },
    );
  },
);
