import {
  CodeDeployClient,
  GetDeploymentCommand,
  GetDeploymentConfigCommand,
} from '@aws-sdk/client-codedeploy';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, inject, it } from 'vitest';
import { DeploymentFailedError } from '../../src/core/action/errors.js';
import { TestbedControl } from '../testbed/client.ts';
import { sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import {
  type BlueGreenOptions,
  createBlueGreenService,
  deploy as rawDeploy,
  listenerWeights,
} from '../support/codedeploy-fixtures.js';
import { registerWebTaskDefinition } from '../support/ecs-fixtures.js';
import { runDeploy, servingTaskDefinition } from '../support/deploy-run.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());
const codedeploy = new CodeDeployClient(sdkConfig());

async function service(options: BlueGreenOptions = {}) {
  return createBlueGreenService({ ecs, elbv2, codedeploy }, endpoint, options);
}

describe.runIf(inject('testbed'))('actions/ecs-deploy with CodeDeploy on the test bed', () => {
  it('runs a canary with a custom percentage and interval, printing each traffic step, and ends on the new version', async () => {
    const target = await service();
    const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    // A test bed kept between runs may have the config from an earlier run: then none is created.
    const existed = await codedeploy
      .send(
        new GetDeploymentConfigCommand({
          deploymentConfigName: 'EcsDelivery.Canary35Percent1Minutes',
        }),
      )
      .then(
        () => true,
        () => false,
      );
    const deployed = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': next,
      strategy: 'canary',
      'traffic-percentage': '35',
      'traffic-interval': '1',
    });
    expect(deployed.failures).toEqual([]);
    expect(deployed.outputs.get('status')).toBe('SUCCEEDED');
    expect(deployed.outputs.get('deployment-id')).toMatch(/^d-[A-Z0-9]{9}$/);
    expect(deployed.logger.messages('info').filter((m) => m.startsWith('traffic:'))).toEqual([
      'traffic: 35% on the new version, 65% on the old',
      'traffic: 100% on the new version, 0% on the old',
    ]);
    expect(
      deployed.logger
        .text()
        .includes('Created deployment config EcsDelivery.Canary35Percent1Minutes.'),
    ).toBe(!existed);
    expect(deployed.written[0]).toMatch(/\| 35% of production traffic on the new version \| \d/);
    expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(next);
    expect(await listenerWeights(elbv2, target.prodListenerArn)).toEqual({
      [target.blueTargetGroupArn]: 0,
      [target.greenTargetGroupArn]: 100,
    });
  });

  it('returns at Ready with test traffic up, and a second step continues it to the end', async () => {
    const target = await service({ readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 60 });
    const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    const ready = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': next,
      strategy: 'blue-green',
      'wait-until': 'ready',
    });
    expect(ready.failures).toEqual([]);
    expect(ready.outputs.get('status')).toBe('READY');
    expect(await listenerWeights(elbv2, target.testListenerArn)).toEqual({
      [target.blueTargetGroupArn]: 0,
      [target.greenTargetGroupArn]: 100,
    });
    const continued = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      strategy: 'blue-green',
      'continue-deployment-id': ready.outputs.get('deployment-id') ?? '',
    });
    expect(continued.failures).toEqual([]);
    expect(continued.outputs.get('status')).toBe('SUCCEEDED');
    expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(next);
  });

  it('fails when the new tasks crash, following CodeDeploy rolling back to the old version', async () => {
    const target = await service();
    const broken = await registerWebTaskDefinition(
      ecs,
      target.family,
      'registry.example/web:crash',
    );
    await control.failTasks({ taskDefinition: broken });
    const deployed = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': broken,
      strategy: 'blue-green',
    });
    expect(deployed.result.error).toBeInstanceOf(DeploymentFailedError);
    expect(deployed.failures[0]).toMatch(
      /ended Failed: ECS_UPDATE_ERROR: .* CodeDeploy rolled it back with deployment d-/,
    );
    expect(deployed.outputs.get('rolled-back')).toBe('true');
    expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(
      target.firstTaskDefinition,
    );
    expect(await listenerWeights(elbv2, target.prodListenerArn)).toEqual({
      [target.blueTargetGroupArn]: 100,
      [target.greenTargetGroupArn]: 0,
    });
  });

  it('refuses a second deployment while one is in flight (on-in-flight: fail), and stops it first with stop', async () => {
    const target = await service({
      deploymentConfigName: 'CodeDeployDefault.ECSLinear10PercentEvery3Minutes',
    });
    const second = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    const third = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:3');
    const inFlight = await rawDeploy(codedeploy, target, second);
    const refused = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': third,
      strategy: 'linear',
    });
    expect(refused.failures[0]).toContain(
      `Deployment ${inFlight} of AppECS-${target.cluster}-web/DgpECS-${target.cluster}-web is still in progress.`,
    );
    const replaced = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': third,
      strategy: 'blue-green',
      'on-in-flight': 'stop',
    });
    expect(replaced.failures).toEqual([]);
    expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(third);
  });

  it('deploys with an AppSpec from a file, the task definition put in for its placeholder, and refuses one routing to a container the task definition lacks', async () => {
    const target = await service();
    const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    const dir = mkdtempSync(join(tmpdir(), 'appspec-'));
    const appspec = (container: string) =>
      [
        'version: 0.0',
        'Resources:',
        '  - TargetService:',
        '      Type: AWS::ECS::Service',
        '      Properties:',
        '        TaskDefinition: <TASK_DEFINITION>',
        '        LoadBalancerInfo:',
        `          ContainerName: ${container}`,
        '          ContainerPort: 8080',
        '',
      ].join('\n');
    writeFileSync(join(dir, 'good.yaml'), appspec('web'));
    writeFileSync(join(dir, 'bad.yaml'), appspec('api'));
    const deployed = await runDeploy({
      cluster: target.cluster,
      service: target.service,
      'task-definition': next,
      strategy: 'blue-green',
      appspec: join(dir, 'good.yaml'),
    });
    expect(deployed.failures).toEqual([]);
    expect(await servingTaskDefinition(ecs, target.cluster, target.service)).toBe(next);
    const revision = (
      await codedeploy.send(
        new GetDeploymentCommand({ deploymentId: deployed.outputs.get('deployment-id') ?? '' }),
      )
    ).deploymentInfo?.revision?.appSpecContent?.content;
    expect(revision).toContain(`"TaskDefinition":"${next}"`);

    const accessKey = uniqueAccessKey();
    const mark = await control.mark();
    const refused = await runDeploy(
      {
        cluster: target.cluster,
        service: target.service,
        'task-definition': next,
        strategy: 'blue-green',
        appspec: join(dir, 'bad.yaml'),
      },
      accessKey,
    );
    expect(refused.failures[0]).toMatch(
      /^The AppSpec routes traffic to container 'api' port 8080, which is not in .*; it has web \(8080\)\./,
    );
    expect(await control.writes(mark, accessKey)).toEqual([]);
  });

  it.each([
    [
      'rolling on a CODE_DEPLOY service',
      { strategy: 'rolling' },
      "Strategy 'rolling' needs a service on the ECS deployment controller; .* uses CODE_DEPLOY, which fits blue-green, canary and linear.",
    ],
    [
      'an unknown deployment config',
      { strategy: 'blue-green', 'deployment-config': 'NoSuchConfig' },
      "CodeDeploy does not know the deployment config 'NoSuchConfig'.",
    ],
    [
      'a missing deployment group',
      { strategy: 'blue-green', 'codedeploy-deployment-group': 'nope' },
      'CodeDeploy deployment group nope of application .* does not exist.',
    ],
  ])('fails on %s before any write', async (_, values, message) => {
    const target = await service();
    const next = await registerWebTaskDefinition(ecs, target.family, 'registry.example/web:2');
    const accessKey = uniqueAccessKey();
    const mark = await control.mark();
    const deployed = await runDeploy(
      { cluster: target.cluster, service: target.service, 'task-definition': next, ...values },
      accessKey,
    );
    expect(deployed.failures[0]).toMatch(new RegExp(message));
    expect(await control.writes(mark, accessKey)).toEqual([]);
  });
});
