import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeServicesCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { inject } from 'vitest';
import { ecsDeploy } from '../../src/actions/ecs-deploy/action.js';
import { ecsRollback } from '../../src/actions/ecs-rollback/action.js';
import { ecsRunTask } from '../../src/actions/ecs-run-task/action.js';
import { type ActionPlan, type ActionSpec, runAction } from '../../src/core/action/run.js';
import { TestbedControl } from '../testbed/client.ts';
import { emulatorEnv, uniqueAccessKey } from './aws-env.js';
import { recordingRuntime } from './runtime.js';
import { scaledClock } from './scaled-clock.js';

/**
 * Runs an action in-process against the test bed with these inputs. Its clock runs at the test
 * bed's time scale, so its waits and timeouts are emulated too.
 */
export async function runOnBed<I, P extends ActionPlan>(
  spec: ActionSpec<I, P>,
  values: Record<string, string>,
  accessKey = uniqueAccessKey(),
  env: Record<string, string> = {},
) {
  // A runner's own temporary folder, so files an action writes never land in this checkout.
  const recording = recordingRuntime(values, {
    RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')),
    ...emulatorEnv(undefined, accessKey),
    ...env,
  });
  const scale = (await new TestbedControl(inject('awsEndpoint')).status()).scale;
  const result = await runAction(spec, { ...recording.runtime, ...scaledClock(scale) });
  return { ...recording, result };
}

/** ecs-deploy on the test bed; tests that are not about the bake turn it off (bake-time: 0). */
export const runDeploy = (
  values: Record<string, string>,
  accessKey = uniqueAccessKey(),
  env: Record<string, string> = {},
) => runOnBed(ecsDeploy, { 'bake-time': '0', ...values }, accessKey, env);

export const runRollback = (values: Record<string, string>, accessKey = uniqueAccessKey()) =>
  runOnBed(ecsRollback, values, accessKey);

export const runTask = (values: Record<string, string>, accessKey = uniqueAccessKey()) =>
  runOnBed(ecsRunTask, values, accessKey);

/** The task definition a service runs now. */
export async function servingTaskDefinition(
  ecs: Pick<ECSClient, 'send'>,
  cluster: string,
  service: string,
): Promise<string | undefined> {
  return (await ecs.send(new DescribeServicesCommand({ cluster, services: [service] })))
    .services?.[0]?.taskDefinition;
}
