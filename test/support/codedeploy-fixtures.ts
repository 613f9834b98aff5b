import {
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
  type DeploymentReadyAction,
} from '@aws-sdk/client-codedeploy';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  DescribeListenersCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ecsAppSpec } from '../../src/core/deploy/codedeploy.js';
import { testbedNetwork, useRealContainers } from '../testbed/client.ts';
import { registerWebTaskDefinition, uniqueName } from './ecs-fixtures.js';
import { createTargetGroup } from './target-groups.js';
import { waitFor } from './wait.js';

export interface BlueGreenService {
  cluster: string;
  service: string;
  family: string;
  firstTaskDefinition: string;
  application: string;
  group: string;
  blueTargetGroupArn: string;
  greenTargetGroupArn: string;
  prodListenerArn: string;
  testListenerArn: string;
}

export interface BlueGreenOptions {
  deploymentConfigName?: string;
  readyAction?: DeploymentReadyAction;
  readyWaitMinutes?: number;
  terminationWaitMinutes?: number;
  alarms?: string[];
  autoRollback?: boolean;
  desiredCount?: number;
  /** The first task definition's image (default: a placeholder that only simulated tasks can run). */
  image?: string;
  /** Run the cluster's tasks as real containers (tb_docker): set before the service starts. */
  realContainers?: boolean;
}

/** A load balancer with two target groups, a CODE_DEPLOY service, an application and a group. */
export async function createBlueGreenService(
  clients: { ecs: ECSClient; elbv2: ElasticLoadBalancingV2Client; codedeploy: CodeDeployClient },
  endpoint: string,
  options: BlueGreenOptions = {},
): Promise<BlueGreenService> {
  const { ecs, elbv2, codedeploy } = clients;
  const network = await testbedNetwork(endpoint);
  const base = uniqueName('bg');
  const lb = await elbv2.send(
    new CreateLoadBalancerCommand({
      Name: base.slice(-32),
      Subnets: network.subnetIds.slice(0, 2),
      Type: 'application',
    }),
  );
  const lbArn = lb.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  const targetGroup = (suffix: string) =>
    createTargetGroup(elbv2, `${suffix}-${base}`, network.vpcId);
  const blue = await targetGroup('b');
  const green = await targetGroup('g');
  const listener = async (port: number) =>
    (
      await elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Protocol: 'HTTP',
          Port: port,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: blue.TargetGroupArn ?? '' }],
        }),
      )
    ).Listeners?.[0]?.ListenerArn ?? '';
  const prodListenerArn = await listener(80);
  const testListenerArn = await listener(8443);

  const cluster = uniqueName('cluster');
  const service = 'web';
  const family = uniqueName('web');
  await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  if (options.realContainers === true) await useRealContainers(endpoint, cluster);
  const firstTaskDefinition = await registerWebTaskDefinition(
    ecs,
    family,
    options.image ?? 'registry.example/web:1',
  );
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: service,
      taskDefinition: firstTaskDefinition,
      desiredCount: options.desiredCount ?? 2,
      launchType: 'FARGATE',
      deploymentController: { type: 'CODE_DEPLOY' },
      loadBalancers: [
        { targetGroupArn: blue.TargetGroupArn ?? '', containerName: 'web', containerPort: 8080 },
      ],
      networkConfiguration: { awsvpcConfiguration: { subnets: network.subnetIds.slice(0, 2) } },
    }),
  );
  await waitFor(
    () => ecs.send(new DescribeServicesCommand({ cluster, services: [service] })),
    (r) => r.services?.[0]?.taskSets?.[0]?.stabilityStatus === 'STEADY_STATE',
    { what: 'the primary task set to be steady' },
  );

  const application = `AppECS-${cluster}-${service}`;
  const group = `DgpECS-${cluster}-${service}`;
  await codedeploy.send(
    new CreateApplicationCommand({ applicationName: application, computePlatform: 'ECS' }),
  );
  await codedeploy.send(
    new CreateDeploymentGroupCommand({
      applicationName: application,
      deploymentGroupName: group,
      serviceRoleArn: 'arn:aws:iam::123456789012:role/ecsCodeDeployRole',
      deploymentConfigName: options.deploymentConfigName ?? 'CodeDeployDefault.ECSAllAtOnce',
      deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      ecsServices: [{ clusterName: cluster, serviceName: service }],
      loadBalancerInfo: {
        targetGroupPairInfoList: [
          {
            targetGroups: [
              { name: blue.TargetGroupName ?? '' },
              { name: green.TargetGroupName ?? '' },
            ],
            prodTrafficRoute: { listenerArns: [prodListenerArn] },
            testTrafficRoute: { listenerArns: [testListenerArn] },
          },
        ],
      },
      blueGreenDeploymentConfiguration: {
        terminateBlueInstancesOnDeploymentSuccess: {
          action: 'TERMINATE',
          terminationWaitTimeInMinutes: options.terminationWaitMinutes ?? 0,
        },
        deploymentReadyOption: {
          actionOnTimeout: options.readyAction ?? 'CONTINUE_DEPLOYMENT',
          waitTimeInMinutes: options.readyWaitMinutes ?? 0,
        },
      },
      autoRollbackConfiguration: {
        enabled: options.autoRollback ?? true,
        events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM', 'DEPLOYMENT_STOP_ON_REQUEST'],
      },
      ...(options.alarms === undefined
        ? {}
        : {
            alarmConfiguration: { enabled: true, alarms: options.alarms.map((name) => ({ name })) },
          }),
    }),
  );
  return {
    cluster,
    service,
    family,
    firstTaskDefinition,
    application,
    group,
    blueTargetGroupArn: blue.TargetGroupArn ?? '',
    greenTargetGroupArn: green.TargetGroupArn ?? '',
    prodListenerArn,
    testListenerArn,
  };
}

/** The AppSpec the suite's own ecs-deploy would send (CreateDeployment takes its sha256 too). */
export function appSpec(taskDefinition: string): { content: string; sha256: string } {
  return ecsAppSpec(taskDefinition, 'web', 8080);
}

export async function deploy(
  codedeploy: CodeDeployClient,
  target: BlueGreenService,
  taskDefinition: string,
  deploymentConfigName?: string,
): Promise<string> {
  const response = await codedeploy.send(
    new CreateDeploymentCommand({
      applicationName: target.application,
      deploymentGroupName: target.group,
      ...(deploymentConfigName === undefined ? {} : { deploymentConfigName }),
      revision: { revisionType: 'AppSpecContent', appSpecContent: appSpec(taskDefinition) },
    }),
  );
  return response.deploymentId ?? '';
}

/** Production listener weights as {targetGroupArn: weight}. */
export async function listenerWeights(
  elbv2: ElasticLoadBalancingV2Client,
  listenerArn: string,
): Promise<Record<string, number>> {
  const listener = (await elbv2.send(new DescribeListenersCommand({ ListenerArns: [listenerArn] })))
    .Listeners?.[0];
  const weights: Record<string, number> = {};
  for (const action of listener?.DefaultActions ?? []) {
    for (const group of action.ForwardConfig?.TargetGroups ?? [])
      weights[group.TargetGroupArn ?? ''] = group.Weight ?? 0;
    if (action.ForwardConfig === undefined && action.TargetGroupArn !== undefined)
      weights[action.TargetGroupArn] = 1;
  }
  return weights;
}
