import { CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import { DeregisterTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { describe, expect, inject, it } from 'vitest';
import { ecsDeploy } from '../../src/actions/ecs-deploy/action.js';
import { DeploymentFailedError } from '../../src/core/action/errors.js';
import { runAction } from '../../src/core/action/run.js';
import { TestbedControl } from '../testbed/client.ts';
import { emulatorEnv, sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import {
  createRollingService,
  describeService,
  registerWebTaskDefinition,
  uniqueName,
} from '../support/ecs-fixtures.js';
import { recordingRuntime } from '../support/runtime.js';
import { scaledClock } from '../support/scaled-clock.js';

const control = new TestbedControl(inject('awsEndpoint'));
const ecs = new ECSClient(sdkConfig());

async function deploy(values: Record<string, string>, accessKey = uniqueAccessKey()) {
  // Not about the bake: it is off unless a test asks for it.
  const recording = recordingRuntime(
    { 'bake-time': '0', ...values },
    emulatorEnv(undefined, accessKey),
  );
  // The action's clock runs at the test bed's time scale, so its waits and timeouts are emulated too.
  const scale = (await control.status()).scale;
  const result = await runAction(ecsDeploy, { ...recording.runtime, ...scaledClock(scale) });
  return { ...recording, result };
}

describe.runIf(inject('testbed'))('actions/ecs-deploy, rolling, on the test bed', () => {
  it('deploys a new task definition and follows that deployment to COMPLETED', async () => {
    const target = await createRollingService(ecs, { desiredCount: 2 });
    const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    const run = await deploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': next,
    });
    expect(run.failures).toEqual([]);
    expect(Object.fromEntries(run.outputs.values)).toMatchObject({
      status: 'SUCCEEDED',
      'rolled-back': 'false',
      'previous-task-definition-arn': target.firstTaskDefinition,
      'task-definition-arn': next,
    });
    const service = await describeService(ecs, target.cluster, target.service);
    expect(service.deployments?.map((d) => [d.id, d.taskDefinition, d.rolloutState])).toEqual([
      [run.outputs.get('deployment-id'), next, 'COMPLETED'],
    ]);
    expect(run.logger.text()).toContain('has reached a steady state.');
    expect(run.written[0]).toContain('| COMPLETED |');
  });

  it('fails when the circuit breaker trips, follows ECS rolling back, and says why tasks stopped', async () => {
    const target = await createRollingService(ecs, {
      desiredCount: 2,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    const broken = await registerWebTaskDefinition(
      ecs,
      target.family,
      'registry.example/web:broken',
    );
    await control.failTasks({ taskDefinition: broken, exitCode: 2 });
    const run = await deploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': broken,
    });
    expect(run.result.error).toBeInstanceOf(DeploymentFailedError);
    expect(run.failures[0]).toMatch(
      /failed: ECS deployment circuit breaker: tasks failed to start\. The service was rolled back to .*:1 by ECS's circuit breaker \(deployment ecs-svc\/\d+ completed\)\./,
    );
    expect(run.outputs.get('rolled-back')).toBe('true');
    expect(
      run.logger
        .messages('warning')
        .some((m) => /stopped: Essential container in task exited; web exit 2/.test(m)),
    ).toBe(true);
    const service = await describeService(ecs, target.cluster, target.service);
    expect(service.taskDefinition).toBe(target.firstTaskDefinition);
    expect(service.deployments?.map((d) => d.rolloutState)).toEqual(['COMPLETED']);
  });

  it('rolls back itself when a deployment without a circuit breaker runs past the timeout', async () => {
    const target = await createRollingService(ecs, { desiredCount: 1 });
    const broken = await registerWebTaskDefinition(
      ecs,
      target.family,
      'registry.example/web:hangs',
    );
    await control.failTasks({ taskDefinition: broken, mode: 'unhealthy' });
    const run = await deploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': broken,
      timeout: '3m',
    });
    expect(run.failures[0]).toMatch(
      /^Deployment ecs-svc\/\d+ of .* failed: Timed out after 3m\d*s? waiting for deployment .* The service was rolled back to .*:1 \(deployment ecs-svc\/\d+ completed\)\./,
    );
    const service = await describeService(ecs, target.cluster, target.service);
    expect(service.taskDefinition).toBe(target.firstTaskDefinition);
    expect(service.deployments?.map((d) => d.rolloutState)).toEqual(['COMPLETED']);
  });

  it('rolls back from the post step when the main step did not finish', async () => {
    const target = await createRollingService(ecs, { desiredCount: 1 });
    const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    const main = await deploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': next,
      'wait-until': 'submitted',
    });
    expect(main.outputs.get('status')).toBe('SUBMITTED');
    // As if the job had been cancelled while following: finished never became true.
    main.state.save('finished', 'false');
    const post = recordingRuntime({}, emulatorEnv());
    for (const [key, value] of main.state.values) post.state.save(key, value);
    await runAction(ecsDeploy, { ...post.runtime, ...scaledClock((await control.status()).scale) });
    expect(post.failures).toEqual([]);
    expect(post.logger.messages('warning')[0]).toMatch(
      /did not finish \(cancelled or timed out\).*rolling back to .*:1/,
    );
    const service = await describeService(ecs, target.cluster, target.service);
    expect(service.taskDefinition).toBe(target.firstTaskDefinition);
  });

  it('refuses a task definition whose image is missing from its ECR repository, before any write', async () => {
    const target = await createRollingService(ecs, { desiredCount: 1 });
    const repository = (
      await new ECRClient(sdkConfig()).send(
        new CreateRepositoryCommand({ repositoryName: uniqueName('deploy-img') }),
      )
    ).repository;
    const missing = await registerWebTaskDefinition(
      ecs,
      target.family,
      `${repository?.repositoryUri ?? ''}:never-pushed`,
    );
    const accessKey = uniqueAccessKey();
    const mark = await control.mark();
    const run = await deploy(
      { cluster: target.cluster, service: target.service, 'task-definition': missing },
      accessKey,
    );
    expect(run.failures[0]).toBe(
      `Image ${repository?.repositoryUri ?? ''}:never-pushed of ${missing} is not in its ECR repository. Push it first (ecr-build-push), or register a task definition with an image that exists.`,
    );
    expect((await control.requests(mark, accessKey)).map((r) => r.operation)).not.toContain(
      'UpdateService',
    );
  });

  it.each([
    [
      'a service that does not exist',
      { service: 'nope' },
      /^Service nope was not found in cluster/,
    ],
    [
      'canary on an ECS-controller service without the load balancer ECS-native canary needs',
      { strategy: 'canary' },
      /^Strategy 'canary' on .* \(ECS deployment controller\) deploys through ECS's own CANARY strategy, which needs a load balancer: .* The service has no load balancer, so nothing was changed\./,
    ],
    ['an INACTIVE task definition', { inactive: 'true' }, /is INACTIVE; ECS will not deploy it\./],
    [
      'a task definition that is not an ARN',
      { 'task-definition': 'web latest' },
      /^Input 'task-definition' must be a task definition ARN/,
    ],
  ])('fails on %s before any write', async (_, overrides, message) => {
    const target = await createRollingService(ecs, { desiredCount: 1 });
    const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    if ('inactive' in overrides)
      await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: next }));
    const accessKey = uniqueAccessKey();
    const mark = await control.mark();
    const { inactive: _inactive, ...inputs } = { inactive: undefined, ...overrides };
    const run = await deploy(
      { cluster: target.cluster, service: target.service, 'task-definition': next, ...inputs },
      accessKey,
    );
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(message);
    expect((await control.requests(mark, accessKey)).map((r) => r.operation)).not.toContain(
      'UpdateService',
    );
  });
});
