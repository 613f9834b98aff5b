// A plan before the change (dry-run), and the service settings users ask for, on the test bed:
// each setting set and read back, refused before any write when malformed, and the CODE_DEPLOY
// case where UpdateService changes some and the AppSpec carries the rest.
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../testbed/client.ts';
import { sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { createBlueGreenService } from '../support/codedeploy-fixtures.js';
import { runDeploy, runTask, servingTaskDefinition } from '../support/deploy-run.js';
import {
  describeService,
  registerWebTaskDefinition,
  uniqueName,
  waitForSteady,
} from '../support/ecs-fixtures.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const codedeploy = new CodeDeployClient(sdkConfig());

const ROLE = 'arn:aws:iam::123456789012:role/ecs-infrastructure';

/** A revision with a named port, an env variable and a volume ECS configures at launch (EBS). */
async function registerRich(family: string, image: string, env: string): Promise<string> {
  const response = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      volumes: [{ name: 'data', configuredAtLaunch: true }],
      containerDefinitions: [
        {
          name: 'web',
          image,
          essential: true,
          environment: [{ name: 'MODE', value: env }],
          portMappings: [{ containerPort: 8080, name: 'http' }],
          mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }],
        },
      ],
    }),
  );
  return response.taskDefinition?.taskDefinitionArn ?? '';
}

/** A steady rolling service in a cluster that has the FARGATE capacity providers. */
async function serviceWithProviders() {
  const cluster = uniqueName('settings');
  const family = uniqueName('web');
  await ecs.send(
    new CreateClusterCommand({
      clusterName: cluster,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    }),
  );
  const first = await registerRich(family, 'registry.example/web:1', 'one');
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition: first,
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'] } },
    }),
  );
  await waitForSteady(ecs, cluster, 'web');
  return { cluster, service: 'web', family, first };
}

describe.runIf(inject('testbed'))('actions/ecs-deploy: dry-run (test bed)', () => {
  it('a dry run with a changed image, environment and setting names each change and writes nothing', async () => {
    const target = await serviceWithProviders();
    const next = await registerRich(target.family, 'registry.example/web:2', 'two');
    const accessKey = uniqueAccessKey();
    const mark = await control.mark();
    const run = await runDeploy(
      {
        cluster: target.cluster,
        service: target.service,
        'task-definition': next,
        'propagate-tags': 'SERVICE',
        'dry-run': 'true',
      },
      accessKey,
    );
    expect(run.failures).toEqual([]);
    expect(run.outputs.get('status')).toBe('DRY_RUN');
    expect(run.outputs.get('changes')).toBe('true');
    const log = run.logger.messages('info');
    expect(log).toContain('  web image: registry.example/web:1 -> registry.example/web:2');
    expect(log).toContain('  web environment MODE: — -> changed');
    expect(log).toContain('setting propagateTags: NONE -> SERVICE (UpdateService)');
    const summary = run.written.join('\n');
    expect(summary).toContain('Dry run: deploy to');
    expect(summary).toContain('| web | image | registry.example/web:1 | registry.example/web:2 |');
    expect(summary).toContain('| propagateTags | NONE | SERVICE | UpdateService |');
    expect(await control.writes(mark, accessKey)).toEqual([]);
    expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(target.first);
  });

  it('a dry run with nothing to change says so in its output', async () => {
    const target = await serviceWithProviders();
    const run = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': target.first,
      'dry-run': 'true',
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs.get('changes')).toBe('false');
    expect(run.logger.messages('info').at(-1)).toMatch(/^Nothing to change: .* already runs this/);
  });
});

describe.runIf(inject('testbed'))('actions/ecs-deploy: service settings (test bed)', () => {
  it('a forced new deployment checks an EBS volume against the task definition the service runs', async () => {
    const target = await serviceWithProviders();
    const volume = (name: string) =>
      JSON.stringify({ name, managedEBSVolume: { roleArn: ROLE, sizeInGiB: 8 } });
    const refused = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'force-new-deployment': 'true',
      'ebs-volume': volume('logs'),
    });
    expect(refused.failures[0]).toMatch(
      new RegExp(
        `^Input 'ebs-volume' names volume 'logs', which .*${target.family}:1 does not have`,
      ),
    );
    const run = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'force-new-deployment': 'true',
      'ebs-volume': volume('data'),
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs.get('status')).toBe('SUCCEEDED');
    const service = await describeService(ecs, target.cluster, target.service);
    expect(service.deployments?.[0]).toMatchObject({
      taskDefinition: target.first,
      volumeConfigurations: [{ name: 'data', managedEBSVolume: { roleArn: ROLE, sizeInGiB: 8 } }],
    });
  });

  it('sets every setting a rolling service takes, and each reads back from DescribeServices', async () => {
    const target = await serviceWithProviders();
    const next = await registerRich(target.family, 'registry.example/web:2', 'two');
    const run = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': next,
      'propagate-tags': 'TASK_DEFINITION',
      'enable-ecs-managed-tags': 'true',
      'enable-execute-command': 'true',
      'capacity-provider-strategy': [
        '- capacityProvider: FARGATE_SPOT',
        '  weight: 3',
        '- capacityProvider: FARGATE',
        '  weight: 1',
        '  base: 1',
      ].join('\n'),
      subnets: 'subnet-0a1b2c3d, subnet-0e1f2a3b',
      'security-groups': 'sg-0123abcd',
      'assign-public-ip': 'ENABLED',
      'ebs-volume': JSON.stringify({
        name: 'data',
        managedEBSVolume: { roleArn: ROLE, sizeInGiB: 20, volumeType: 'gp3' },
      }),
      'service-connect': JSON.stringify({
        enabled: true,
        namespace: 'shop',
        services: [{ portName: 'http', discoveryName: 'web', clientAliases: [{ port: 80 }] }],
      }),
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs.get('status')).toBe('SUCCEEDED');
    // Moving from a launch type to capacity providers needs a new deployment: the step asked.
    expect(run.logger.messages('info')).toContain(
      'ECS needs a new deployment to move from launch type FARGATE to the capacity provider strategy: UpdateService asks for one.',
    );
    expect(run.written.join('\n')).toContain(
      '| propagateTags | NONE | TASK_DEFINITION | UpdateService |',
    );
    const service = await describeService(ecs, target.cluster, target.service);
    expect(service).toMatchObject({
      propagateTags: 'TASK_DEFINITION',
      enableECSManagedTags: true,
      enableExecuteCommand: true,
      capacityProviderStrategy: [
        { capacityProvider: 'FARGATE_SPOT', weight: 3 },
        { capacityProvider: 'FARGATE', weight: 1, base: 1 },
      ],
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-0a1b2c3d', 'subnet-0e1f2a3b'],
          securityGroups: ['sg-0123abcd'],
          assignPublicIp: 'ENABLED',
        },
      },
    });
    expect(service.launchType).toBeUndefined();
    expect(service.deployments?.[0]).toMatchObject({
      taskDefinition: next,
      volumeConfigurations: [
        { name: 'data', managedEBSVolume: { roleArn: ROLE, sizeInGiB: 20, volumeType: 'gp3' } },
      ],
      serviceConnectConfiguration: { enabled: true, namespace: 'shop' },
    });
    // Not given again: kept as the service has them.
    const again = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': target.first,
    });
    expect(again.failures).toEqual([]);
    expect(await describeService(ecs, target.cluster, target.service)).toMatchObject({
      propagateTags: 'TASK_DEFINITION',
      enableExecuteCommand: true,
      networkConfiguration: { awsvpcConfiguration: { securityGroups: ['sg-0123abcd'] } },
    });
  });

  const malformed: [string, Record<string, string>, RegExp][] = [
    ['propagate-tags', { 'propagate-tags': 'ALL' }, /^Input 'propagate-tags' must be one of/],
    [
      'a capacity provider the cluster lacks',
      { 'capacity-provider-strategy': '- capacityProvider: EC2_SPOT\n  weight: 1' },
      /^Input 'capacity-provider-strategy' names EC2_SPOT, which is not a capacity provider of the cluster/,
    ],
    [
      'two bases',
      {
        'capacity-provider-strategy': JSON.stringify([
          { capacityProvider: 'FARGATE', weight: 1, base: 1 },
          { capacityProvider: 'FARGATE_SPOT', weight: 1, base: 2 },
        ]),
      },
      /only one capacity provider may have a base/,
    ],
    ['a subnet id', { subnets: 'subnet-xyz' }, /^Input 'subnets': 'subnet-xyz' is not an id like/],
    ['assign-public-ip', { 'assign-public-ip': 'YES' }, /^Input 'assign-public-ip' must be one of/],
    [
      'an EBS volume the task definition lacks',
      {
        'ebs-volume': JSON.stringify({
          name: 'logs',
          managedEBSVolume: { roleArn: ROLE, sizeInGiB: 5 },
        }),
      },
      /^Input 'ebs-volume' names volume 'logs', which .* does not have/,
    ],
    [
      'an EBS volume without a size',
      { 'ebs-volume': JSON.stringify({ name: 'data', managedEBSVolume: { roleArn: ROLE } }) },
      /managedEBSVolume needs sizeInGiB, or a snapshotId/,
    ],
    [
      'a Service Connect port the task definition does not name',
      { 'service-connect': JSON.stringify({ enabled: true, services: [{ portName: 'grpc' }] }) },
      /^Input 'service-connect' publishes port 'grpc', which no container .* names \(named ports: http\)/,
    ],
    [
      'a health-check grace period without a load balancer',
      { 'health-check-grace-period': '60s' },
      /^Input 'health-check-grace-period' applies to load balancer health checks, and .* has no load balancer/,
    ],
  ];
  it.each(malformed)('refuses %s before any write', async (_what, values, message) => {
    const target = await serviceWithProviders();
    const next = await registerRich(target.family, 'registry.example/web:2', 'two');
    const accessKey = uniqueAccessKey();
    const mark = await control.mark();
    const run = await runDeploy(
      { cluster: target.cluster, service: target.service, 'task-definition': next, ...values },
      accessKey,
    );
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(message);
    expect(await control.writes(mark, accessKey)).toEqual([]);
  });

  it('on a CODE_DEPLOY service: UpdateService changes what it may, the AppSpec carries the network and capacity providers, the rest is refused', async () => {
    const target = await createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint);
    const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    const refusedKey = uniqueAccessKey();
    const mark = await control.mark();
    const refused = await runDeploy(
      {
        cluster: target.cluster,
        service: target.service,
        'task-definition': next,
        strategy: 'blue-green',
        'enable-execute-command': 'true',
      },
      refusedKey,
    );
    expect(refused.failures[0]).toMatch(
      /^Input 'enable-execute-command' cannot be applied to .*: UpdateService cannot change it on a service with the CODE_DEPLOY deployment controller, and a CodeDeploy AppSpec cannot carry it\./,
    );
    expect(await control.writes(mark, refusedKey)).toEqual([]);

    const run = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': next,
      strategy: 'blue-green',
      'propagate-tags': 'SERVICE',
      'health-check-grace-period': '45s',
      subnets: 'subnet-0e1f2a3b',
      'security-groups': 'sg-0123abcd',
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs.get('status')).toBe('SUCCEEDED');
    const service = await describeService(ecs, target.cluster, target.service);
    expect(service).toMatchObject({
      propagateTags: 'SERVICE',
      healthCheckGracePeriodSeconds: 45,
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-0e1f2a3b'], securityGroups: ['sg-0123abcd'] },
      },
    });
    const primary = service.taskSets?.find((t) => t.status === 'PRIMARY');
    expect(primary?.taskDefinition).toBe(next);
    expect(primary?.networkConfiguration?.awsvpcConfiguration?.subnets).toEqual([
      'subnet-0e1f2a3b',
    ]);
  });
});

describe.runIf(inject('testbed'))('actions/ecs-run-task: a managed EBS volume (test bed)', () => {
  it('sends the volume with RunTask, and refuses one the task definition does not configure at launch', async () => {
    const target = await serviceWithProviders();
    const accessKey = uniqueAccessKey();
    const mark = await control.mark();
    const volume = {
      name: 'data',
      managedEBSVolume: {
        roleArn: ROLE,
        sizeInGiB: 8,
        terminationPolicy: { deleteOnTermination: true },
      },
    };
    const run = await runTask(
      {
        cluster: target.cluster,
        'task-definition': target.first,
        subnets: 'subnet-0a1b2c3d',
        'ebs-volume': JSON.stringify(volume),
      },
      accessKey,
    );
    expect(run.failures).toEqual([]);
    const sent = (await control.requests(mark, accessKey)).find((r) => r.operation === 'RunTask');
    expect(sent?.params?.['volumeConfigurations']).toEqual([volume]);

    const refusedKey = uniqueAccessKey();
    const before = await control.mark();
    const refused = await runTask(
      {
        cluster: target.cluster,
        'task-definition': target.first,
        subnets: 'subnet-0a1b2c3d',
        'ebs-volume': JSON.stringify({ ...volume, name: 'scratch' }),
      },
      refusedKey,
    );
    expect(refused.failures[0]).toMatch(
      /^Input 'ebs-volume' names volume 'scratch', which .* does not have/,
    );
    expect(await control.writes(before, refusedKey)).toEqual([]);
  });
});
