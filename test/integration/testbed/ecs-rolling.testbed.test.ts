import {
  DeregisterTaskDefinitionCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../../testbed/client.ts';
import { sdkConfig, uniqueAccessKey } from '../../support/aws-env.js';
import {
  createRollingService,
  describeService,
  registerWebTaskDefinition,
  uniqueName,
  waitForSteady,
} from '../../support/ecs-fixtures.js';
import { waitFor } from '../../support/wait.js';

const control = new TestbedControl(inject('awsEndpoint'));
const ecs = new ECSClient(sdkConfig());

async function runningTasks(cluster: string) {
  const arns =
    (await ecs.send(new ListTasksCommand({ cluster, desiredStatus: 'RUNNING' }))).taskArns ?? [];
  if (arns.length === 0) return [];
  return (await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns }))).tasks ?? [];
}

describe.runIf(inject('testbed'))('test bed ECS engine, through the AWS SDK over HTTP', () => {
  it('fills the defaults ECS fills when registering a task definition', async () => {
    const family = uniqueName('defaults');
    const arn = await registerWebTaskDefinition(ecs, family, 'registry.example/web:1');
    const described = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn })))
      .taskDefinition;
    const container = described?.containerDefinitions?.[0];
    expect(container).toMatchObject({
      essential: true,
      cpu: 0,
      environment: [],
      mountPoints: [],
      volumesFrom: [],
      systemControls: [],
      portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
    });
    expect(described?.registeredAt).toBeInstanceOf(Date);
    expect(described?.requiresAttributes?.map((a) => a.name)).toContain('ecs.capability.task-eni');
  });

  it('rolls a service to a new task definition: new PRIMARY, old drained, COMPLETED, history kept', async () => {
    const { cluster, service, family, firstTaskDefinition } = await createRollingService(ecs, {
      desiredCount: 2,
    });
    const mark = await control.mark();
    const second = await registerWebTaskDefinition(ecs, family, 'registry.example/web:2');
    const updated = await ecs.send(
      new UpdateServiceCommand({ cluster, service, taskDefinition: second }),
    );
    const deployments = updated.service?.deployments ?? [];
    expect(deployments.map((d) => [d.status, d.taskDefinition, d.rolloutState])).toEqual([
      ['PRIMARY', second, 'IN_PROGRESS'],
      ['ACTIVE', firstTaskDefinition, 'COMPLETED'],
    ]);
    const deploymentId = deployments[0]?.id ?? '';

    const steady = await waitForSteady(ecs, cluster, service);
    expect(steady.deployments?.[0]).toMatchObject({
      id: deploymentId,
      taskDefinition: second,
      runningCount: 2,
    });
    expect(steady.taskDefinition).toBe(second);
    expect(steady.events?.[0]?.message).toBe(`(service ${service}) has reached a steady state.`);

    const tasks = await runningTasks(cluster);
    expect(tasks.map((t) => t.taskDefinitionArn)).toEqual([second, second]);
    expect(
      tasks.every(
        (t) =>
          t.lastStatus === 'RUNNING' &&
          t.startedBy === deploymentId &&
          // The web container has a health check, and it passed.
          t.healthStatus === 'HEALTHY',
      ),
    ).toBe(true);

    const history = await ecs.send(new ListServiceDeploymentsCommand({ cluster, service }));
    expect(history.serviceDeployments?.map((d) => d.status)).toEqual(['SUCCESSFUL', 'SUCCESSFUL']);
    const latestArn = history.serviceDeployments?.[0]?.serviceDeploymentArn ?? '';
    expect(latestArn).toMatch(
      new RegExp(`:service-deployment/${cluster}/${service}/${deploymentId.split('/')[1] ?? ''}$`),
    );
    const detail = (
      await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [latestArn] }))
    ).serviceDeployments?.[0];
    expect(detail?.finishedAt).toBeInstanceOf(Date);
    const revisions = await ecs.send(
      new DescribeServiceRevisionsCommand({
        serviceRevisionArns: [
          detail?.targetServiceRevision?.arn ?? '',
          detail?.sourceServiceRevisions?.[0]?.arn ?? '',
        ],
      }),
    );
    expect(revisions.serviceRevisions?.map((r) => r.taskDefinition)).toEqual([
      second,
      firstTaskDefinition,
    ]);

    const milestones = (await control.journal(mark)).filter(
      (e) => e.kind === 'deployment' && e.deploymentId === deploymentId,
    );
    expect(milestones.map((m) => m.state)).toEqual(['SUCCESSFUL']);
    expect(milestones[0]?.wallTime).toBeLessThanOrEqual(Date.now() / 1000);
  });

  it.each([
    // ECS API Reference, minimumHealthyPercent: without a load balancer, a task with no essential
    // container health check counts as healthy 40 s after it runs; with one, once it passes.
    ['no container health check: 40 s after RUNNING, healthStatus UNKNOWN', false, 40, 'UNKNOWN'],
    ['a container health check: once it passes (15 s), healthStatus HEALTHY', true, 15, 'HEALTHY'],
  ] as const)(
    'without a load balancer, counts a new task healthy as ECS does: %s',
    async (_name, checked, healthySeconds, status) => {
      const { cluster, service, family } = await createRollingService(ecs, { desiredCount: 1 });
      const next = await registerWebTaskDefinition(
        ecs,
        family,
        'registry.example/web:2',
        checked ? {} : { healthCheck: undefined },
      );
      const mark = await control.mark();
      await ecs.send(new UpdateServiceCommand({ cluster, service, taskDefinition: next }));
      await waitForSteady(ecs, cluster, service);
      const tasks = (await control.journal(mark)).filter(
        (e) => e.kind === 'task' && e.service === `${cluster}:${service}`,
      );
      const started = tasks.find((e) => e.event === 'start' && e.taskDefinition === next);
      const oldStopped = tasks.find((e) => e.event === 'stop' && e.taskDefinition !== next);
      // The old task (minimumHealthyPercent 100) is stopped once the new one counts as healthy:
      // the task starts in 20 s, then counts as healthy.
      const waited = Number(oldStopped?.emulatedTime) - Number(started?.emulatedTime);
      expect(waited).toBeGreaterThanOrEqual(20 + healthySeconds);
      expect(waited).toBeLessThan(20 + healthySeconds + 2);
      const [task] = await runningTasks(cluster);
      expect(task?.taskDefinitionArn).toBe(next);
      expect(task?.healthStatus).toBe(status);
      expect(task?.containers?.[0]?.healthStatus).toBe(status);
    },
  );

  it('fails a deployment whose tasks crash and rolls back to the last completed task definition', async () => {
    const { cluster, service, family, firstTaskDefinition } = await createRollingService(ecs, {
      desiredCount: 2,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    const broken = await registerWebTaskDefinition(ecs, family, 'registry.example/web:broken');
    await control.failTasks({ taskDefinition: broken, mode: 'exit', exitCode: 3 });
    const updated = await ecs.send(
      new UpdateServiceCommand({ cluster, service, taskDefinition: broken }),
    );
    const failedId = updated.service?.deployments?.[0]?.id ?? '';

    const after = await waitFor(
      () => describeService(ecs, cluster, service),
      (s) =>
        s.deployments?.length === 1 &&
        s.deployments[0]?.rolloutState === 'COMPLETED' &&
        s.deployments[0].id !== failedId,
      { what: 'the rollback to complete' },
    );
    expect(after.taskDefinition).toBe(firstTaskDefinition);
    expect(after.deployments?.[0]?.taskDefinition).toBe(firstTaskDefinition);
    const messages = after.events?.map((e) => e.message) ?? [];
    expect(messages).toContain(
      `(service ${service}) deployment ${failedId} deployment failed: tasks failed to start.`,
    );

    const [record] =
      (await ecs.send(new ListServiceDeploymentsCommand({ cluster, service })))
        .serviceDeployments ?? [];
    const detail = (
      await ecs.send(
        new DescribeServiceDeploymentsCommand({
          serviceDeploymentArns: [record?.serviceDeploymentArn ?? ''],
        }),
      )
    ).serviceDeployments?.[0];
    expect(detail?.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(detail?.deploymentCircuitBreaker).toMatchObject({ status: 'TRIGGERED', threshold: 3 });
    expect(detail?.deploymentCircuitBreaker?.failureCount).toBeGreaterThanOrEqual(3);
    expect(detail?.rollback?.reason).toBe('Circuit breaker triggered.');

    const stopped = await ecs.send(new ListTasksCommand({ cluster, desiredStatus: 'STOPPED' }));
    const crashed = (
      await ecs.send(new DescribeTasksCommand({ cluster, tasks: stopped.taskArns ?? [] }))
    ).tasks?.filter((t) => t.taskDefinitionArn === broken);
    expect(crashed?.length).toBeGreaterThanOrEqual(3);
    expect(crashed?.[0]).toMatchObject({
      stoppedReason: 'Essential container in task exited',
      stopCode: 'EssentialContainerExited',
    });
    expect(crashed?.[0]?.containers?.[0]?.exitCode).toBe(3);
    expect((await runningTasks(cluster)).map((t) => t.taskDefinitionArn)).toEqual([
      firstTaskDefinition,
      firstTaskDefinition,
    ]);
  });

  it('leaves a failed deployment without rollback FAILED and the old tasks serving', async () => {
    const { cluster, service, family, firstTaskDefinition } = await createRollingService(ecs, {
      desiredCount: 1,
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } },
    });
    const broken = await registerWebTaskDefinition(ecs, family, 'registry.example/web:broken');
    await control.failTasks({ taskDefinition: broken, mode: 'pull' });
    await ecs.send(new UpdateServiceCommand({ cluster, service, taskDefinition: broken }));
    const failed = await waitFor(
      () => describeService(ecs, cluster, service),
      (s) => s.deployments?.[0]?.rolloutState === 'FAILED',
      { what: 'the circuit breaker' },
    );
    expect(failed.deployments?.[0]?.rolloutStateReason).toBe(
      'ECS deployment circuit breaker: tasks failed to start.',
    );
    expect((await runningTasks(cluster)).map((t) => t.taskDefinitionArn)).toEqual([
      firstTaskDefinition,
    ]);
    const [record] =
      (await ecs.send(new ListServiceDeploymentsCommand({ cluster, service })))
        .serviceDeployments ?? [];
    expect(record?.status).toBe('STOPPED');
  });

  it('refuses to update a service to an INACTIVE task definition', async () => {
    const { cluster, service, family } = await createRollingService(ecs, { desiredCount: 1 });
    const retired = await registerWebTaskDefinition(ecs, family, 'registry.example/web:3');
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: retired }));
    await expect(
      ecs.send(new UpdateServiceCommand({ cluster, service, taskDefinition: retired })),
    ).rejects.toMatchObject({
      name: 'ClientException',
      message: 'TaskDefinition is inactive',
    });
  });

  it('runs one-off tasks to their exit code, and stops them on request', async () => {
    const { cluster, family } = await createRollingService(ecs, { desiredCount: 0 });
    const migrate = await registerWebTaskDefinition(ecs, family, 'registry.example/migrate:1');
    const network = { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'] } };
    const ok = (
      await ecs.send(
        new RunTaskCommand({ cluster, taskDefinition: migrate, networkConfiguration: network }),
      )
    ).tasks?.[0];
    expect(ok?.lastStatus).toBe('PROVISIONING');
    const done = await waitFor(
      async () =>
        (await ecs.send(new DescribeTasksCommand({ cluster, tasks: [ok?.taskArn ?? ''] })))
          .tasks?.[0],
      (t) => t?.lastStatus === 'STOPPED',
      { what: 'the one-off task to stop' },
    );
    expect(done?.containers?.[0]?.exitCode).toBe(0);
    expect(done?.stopCode).toBe('EssentialContainerExited');

    const long = (
      await ecs.send(
        new RunTaskCommand({ cluster, taskDefinition: migrate, networkConfiguration: network }),
      )
    ).tasks?.[0];
    await ecs.send(
      new StopTaskCommand({
        cluster,
        task: long?.taskArn ?? '',
        reason: 'Cancelled by the workflow',
      }),
    );
    const stopped = await waitFor(
      async () =>
        (await ecs.send(new DescribeTasksCommand({ cluster, tasks: [long?.taskArn ?? ''] })))
          .tasks?.[0],
      (t) => t?.lastStatus === 'STOPPED',
      { what: 'the stopped task' },
    );
    expect(stopped).toMatchObject({
      stoppedReason: 'Cancelled by the workflow',
      stopCode: 'UserInitiated',
    });
  });
});

describe.runIf(inject('testbed'))('test bed faults and journal', () => {
  it('throttles the next N calls of an operation for one caller, and the SDK retries through it', async () => {
    const accessKey = uniqueAccessKey();
    const client = new ECSClient({ ...sdkConfig(accessKey), maxAttempts: 3 });
    const mark = await control.mark();
    await control.addFault({
      kind: 'throttle',
      service: 'ecs',
      operation: 'ListClusters',
      count: 2,
      accessKey,
    });
    await client.send(new (await import('@aws-sdk/client-ecs')).ListClustersCommand({}));
    const calls = await control.requests(mark, accessKey);
    expect(calls.map((c) => [c.operation, c.fault ?? c.status])).toEqual([
      ['ListClusters', 'throttle'],
      ['ListClusters', 'throttle'],
      ['ListClusters', 200],
    ]);
  });

  it.each([
    ['throttle', 'ThrottlingException'],
    ['http503', 'ServiceUnavailable'],
    ['http500', 'InternalFailure'],
  ] as const)('answers a %s fault the way AWS does once retries run out', async (kind, name) => {
    const accessKey = uniqueAccessKey();
    const client = new ECSClient({ ...sdkConfig(accessKey), maxAttempts: 2 });
    await control.addFault({
      kind,
      service: 'ecs',
      operation: 'ListClusters',
      count: 5,
      accessKey,
    });
    const { ListClustersCommand } = await import('@aws-sdk/client-ecs');
    await expect(client.send(new ListClustersCommand({}))).rejects.toMatchObject({ name });
  });

  it('adds latency to the next call when asked', async () => {
    const accessKey = uniqueAccessKey();
    const client = new ECSClient({ ...sdkConfig(accessKey), maxAttempts: 1 });
    await control.addFault({
      kind: 'latency',
      service: 'ecs',
      operation: 'ListClusters',
      count: 1,
      latencyMs: 400,
      accessKey,
    });
    const { ListClustersCommand } = await import('@aws-sdk/client-ecs');
    const started = Date.now();
    await client.send(new ListClustersCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('drops the connection when asked, and the SDK retries on a new one', async () => {
    const accessKey = uniqueAccessKey();
    const client = new ECSClient({ ...sdkConfig(accessKey), maxAttempts: 3 });
    const mark = await control.mark();
    await control.addFault({
      kind: 'drop',
      service: 'ecs',
      operation: 'ListClusters',
      count: 1,
      accessKey,
    });
    const { ListClustersCommand } = await import('@aws-sdk/client-ecs');
    await client.send(new ListClustersCommand({}));
    expect((await control.requests(mark, accessKey)).map((c) => c.fault ?? c.status)).toEqual([
      'drop',
      200,
    ]);
  });
});
