import {
  CreateClusterCommand,
  CreateServiceCommand,
  type DeploymentConfiguration,
  type DeploymentLifecycleHook,
  DescribeServiceDeploymentsCommand,
  type ECSClient,
  ListServiceDeploymentsCommand,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  DescribeRulesCommand,
  type ElasticLoadBalancingV2Client,
  type RuleCondition,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { testbedNetwork, useRealContainers } from '../testbed/client.ts';
import { registerWebTaskDefinition, uniqueName, waitForSteady } from './ecs-fixtures.js';
import { TARGET_GROUP_TIMING, createTargetGroup } from './target-groups.js';
import { waitFor } from './wait.js';

export interface NativeService {
  cluster: string;
  service: string;
  serviceArn: string;
  family: string;
  firstTaskDefinition: string;
  blueTargetGroupArn: string;
  greenTargetGroupArn: string;
  prodRuleArn: string;
  testRuleArn: string;
  prodListenerArn: string;
  roleArn: string;
}

export interface NativeOptions {
  /** ROLLING: a rolling service behind the same load balancer (no advancedConfiguration). */
  strategy: 'BLUE_GREEN' | 'CANARY' | 'LINEAR' | 'ROLLING';
  /** The target groups' health checks and deregistration delay (default: TARGET_GROUP_TIMING). */
  targetGroupTiming?: Partial<typeof TARGET_GROUP_TIMING>;
  canaryPercent?: number;
  canaryBakeMinutes?: number;
  stepPercent?: number;
  stepBakeMinutes?: number;
  bakeMinutes?: number;
  hooks?: DeploymentLifecycleHook[];
  alarms?: string[];
  circuitBreaker?: boolean;
  desiredCount?: number;
  image?: string;
  realContainers?: boolean;
  /** Leave out the load balancer's advancedConfiguration (a service ECS-native deployments refuse). */
  withoutAdvanced?: boolean;
  /**
   * The test listener rule on the production listener (priority 1, for requests with header
   * X-Test: 1), as an A/B split needs it; by default it has a listener of its own (port 8443).
   */
  testRuleOnProductionListener?: boolean;
  /** The first revision (default: a web task definition of `image` in a new family). */
  taskDefinition?: { arn: string; family: string };
}

/** The deploymentConfiguration ECS keeps for a native service with these options. */
export function nativeConfiguration(options: NativeOptions): DeploymentConfiguration {
  if (options.strategy === 'ROLLING')
    return {
      strategy: 'ROLLING',
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      deploymentCircuitBreaker: { enable: options.circuitBreaker ?? true, rollback: true },
    };
  return {
    strategy: options.strategy,
    bakeTimeInMinutes: options.bakeMinutes ?? 0,
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    deploymentCircuitBreaker: { enable: options.circuitBreaker ?? true, rollback: true },
    ...(options.strategy === 'CANARY'
      ? {
          canaryConfiguration: {
            canaryPercent: options.canaryPercent ?? 10,
            canaryBakeTimeInMinutes: options.canaryBakeMinutes ?? 5,
          },
        }
      : {}),
    ...(options.strategy === 'LINEAR'
      ? {
          linearConfiguration: {
            stepPercent: options.stepPercent ?? 25,
            stepBakeTimeInMinutes: options.stepBakeMinutes ?? 2,
          },
        }
      : {}),
    ...(options.hooks === undefined ? {} : { lifecycleHooks: options.hooks }),
    ...(options.alarms === undefined
      ? {}
      : { alarms: { alarmNames: options.alarms, enable: true, rollback: true } }),
  };
}

/**
 * A load balancer with a production listener rule and a test listener rule forwarding to two
 * target groups (blue 100, green 0), and a service on the ECS controller with an ECS-native
 * strategy and the load balancer's advancedConfiguration, as the AWS guide sets them up.
 */
export async function createNativeService(
  clients: { ecs: ECSClient; elbv2: ElasticLoadBalancingV2Client },
  endpoint: string,
  options: NativeOptions,
): Promise<NativeService> {
  const { ecs, elbv2 } = clients;
  const network = await testbedNetwork(endpoint);
  const base = uniqueName('nt');
  const lbArn =
    (
      await elbv2.send(
        new CreateLoadBalancerCommand({
          Name: base.slice(-32),
          Subnets: network.subnetIds.slice(0, 2),
          Type: 'application',
        }),
      )
    ).LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  const targetGroup = async (suffix: string) =>
    (await createTargetGroup(elbv2, `${suffix}-${base}`, network.vpcId, options.targetGroupTiming))
      .TargetGroupArn ?? '';
  const blueTargetGroupArn = await targetGroup('b');
  const greenTargetGroupArn = await targetGroup('g');
  const listener = async (port: number) =>
    (
      await elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Protocol: 'HTTP',
          Port: port,
          DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
        }),
      )
    ).Listeners?.[0]?.ListenerArn ?? '';
  const prodListenerArn = await listener(80);
  const rule = async (listenerArn: string, priority: number, conditions: RuleCondition[]) => {
    return (
      (
        await elbv2.send(
          new CreateRuleCommand({
            ListenerArn: listenerArn,
            Priority: priority,
            Conditions: conditions,
            Actions: [
              {
                Type: 'forward',
                ForwardConfig: {
                  TargetGroups: [
                    { TargetGroupArn: blueTargetGroupArn, Weight: 100 },
                    { TargetGroupArn: greenTargetGroupArn, Weight: 0 },
                  ],
                },
              },
            ],
          }),
        )
      ).Rules?.[0]?.RuleArn ?? ''
    );
  };
  const all: RuleCondition[] = [{ Field: 'path-pattern', Values: ['/*'] }];
  const prodRuleArn = await rule(prodListenerArn, 2, all);
  const testRuleArn =
    options.testRuleOnProductionListener === true
      ? await rule(prodListenerArn, 1, [
          {
            Field: 'http-header',
            HttpHeaderConfig: { HttpHeaderName: 'X-Test', Values: ['1'] },
          },
        ])
      : await rule(await listener(8443), 1, all);
  const roleArn = 'arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers';

  const cluster = uniqueName('cluster');
  const service = 'web';
  const family = options.taskDefinition?.family ?? uniqueName('web');
  await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  if (options.realContainers === true) await useRealContainers(endpoint, cluster);
  const firstTaskDefinition =
    options.taskDefinition?.arn ??
    (await registerWebTaskDefinition(ecs, family, options.image ?? 'registry.example/web:1'));
  const created = await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: service,
      taskDefinition: firstTaskDefinition,
      desiredCount: options.desiredCount ?? 2,
      launchType: 'FARGATE',
      deploymentController: { type: 'ECS' },
      deploymentConfiguration: nativeConfiguration(options),
      loadBalancers: [
        {
          targetGroupArn: blueTargetGroupArn,
          containerName: 'web',
          containerPort: 8080,
          ...(options.withoutAdvanced === true || options.strategy === 'ROLLING'
            ? {}
            : {
                advancedConfiguration: {
                  alternateTargetGroupArn: greenTargetGroupArn,
                  productionListenerRule: prodRuleArn,
                  testListenerRule: testRuleArn,
                  roleArn,
                },
              }),
        },
      ],
      networkConfiguration: { awsvpcConfiguration: { subnets: network.subnetIds.slice(0, 2) } },
    }),
  );
  await waitForSteady(ecs, cluster, service, options.realContainers === true ? 60_000 : 30_000);
  return {
    cluster,
    service,
    serviceArn: created.service?.serviceArn ?? '',
    family,
    firstTaskDefinition,
    blueTargetGroupArn,
    greenTargetGroupArn,
    prodRuleArn,
    testRuleArn,
    prodListenerArn,
    roleArn,
  };
}

/** The weights a listener rule forwards with, by target group ARN. */
export async function ruleWeights(
  elbv2: ElasticLoadBalancingV2Client,
  ruleArn: string,
): Promise<Record<string, number>> {
  const rule = (await elbv2.send(new DescribeRulesCommand({ RuleArns: [ruleArn] }))).Rules?.[0];
  const weights: Record<string, number> = {};
  for (const action of rule?.Actions ?? [])
    for (const group of action.ForwardConfig?.TargetGroups ?? [])
      weights[group.TargetGroupArn ?? ''] = group.Weight ?? 0;
  return weights;
}

/** The service's newest service deployment, described. */
export async function latestServiceDeployment(
  ecs: ECSClient,
  target: NativeService,
): Promise<ServiceDeployment | undefined> {
  const arn = (
    await ecs.send(
      new ListServiceDeploymentsCommand({ cluster: target.cluster, service: target.service }),
    )
  ).serviceDeployments?.[0]?.serviceDeploymentArn;
  if (arn === undefined) return undefined;
  return (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })))
    .serviceDeployments?.[0];
}

/** Waits until the service deployment reaches one of `statuses` (or a stage, when given). */
export function waitForServiceDeployment(
  ecs: ECSClient,
  arn: string,
  done: (d: ServiceDeployment) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<ServiceDeployment | undefined> {
  return waitFor(
    async () =>
      (await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })))
        .serviceDeployments?.[0],
    (d) => d !== undefined && done(d),
    { timeoutMs, what },
  );
}
