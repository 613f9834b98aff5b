import { DescribeServicesCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { inject } from 'vitest';
import { ecsDeploy } from '../../src/actions/ecs-deploy/action.js';
import { runAction } from '../../src/core/action/run.js';
import { TestbedControl } from '../testbed/client.ts';
import { emulatorEnv, uniqueAccessKey } from './aws-env.js';
import { recordingRuntime } from './runtime.js';
import { scaledClock } from './scaled-clock.js';

/**
 * Runs ecs-deploy in-process against the test bed with these inputs. Its clock runs at the test
 * bed's time scale, so its waits and timeouts are emulated too.
 */
export async function runDeploy(values: Record<string, string>, accessKey = uniqueAccessKey()) {
  const recording = recordingRuntime(values, emulatorEnv(undefined, accessKey));
  const scale = (await new TestbedControl(inject('awsEndpoint')).status()).scale;
  const result = await runAction(ecsDeploy, { ...recording.runtime, ...scaledClock(scale) });
  return { ...recording, result };
}

/** The task definition a service runs now. */
export async function servingTaskDefinition(
  ecs: Pick<ECSClient, 'send'>,
  cluster: string,
  service: string,
): Promise<string | undefined> {
  return (await ecs.send(new DescribeServicesCommand({ cluster, services: [service] })))
    .services?.[0]?.taskDefinition;
}
