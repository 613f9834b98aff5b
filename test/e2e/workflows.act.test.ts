import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { CreateRepositoryCommand, DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
} from '@aws-sdk/client-ecs';
import {
  DescribeRulesCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  type NativeService,
  createNativeService,
  ruleWeights,
} from '../support/native-fixtures.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../testbed/bed.ts';
import { TestbedControl, setIamEnforcement } from '../testbed/client.ts';
import { findAct } from '../support/act.js';
import { WorkflowRepo } from '../support/act-workflow.js';
import { sdkConfig } from '../support/aws-env.js';
import {
  type BlueGreenService,
  createBlueGreenService,
  listenerWeights,
} from '../support/codedeploy-fixtures.js';
import {
  type RollingService,
  createRollingService,
  describeService,
  uniqueName,
} from '../support/ecs-fixtures.js';

const act = findAct();
const endpoint = inject('awsEndpoint');
const dockerHost = inject('dockerHost') ?? '';
const ecs = new ECSClient(sdkConfig());
const ecr = new ECRClient(sdkConfig());
const examples = join(repoRoot, 'examples', 'workflows');
const ready = inject('testbed') && inject('dockerHost') !== null && inject('registry') !== null;

if (act === undefined && process.env['ECS_DELIVERY_REQUIRE_ACT'] === 'true') {
  throw new Error(
    'nektos/act is required here (ECS_DELIVERY_REQUIRE_ACT): run scripts/setup.sh with Go installed.',
  );
}
if (act === undefined) {
  console.warn(
    'examples/workflows tests: SKIPPED, nektos/act was not found (set ACT_BIN, or run scripts/setup.sh with Go available to build it into .cache/bin).',
  );
}

async function repository(): Promise<{ name: string; uri: string }> {
  const name = uniqueName('shop');
  const uri =
    (await ecr.send(new CreateRepositoryCommand({ repositoryName: name }))).repository
      ?.repositoryUri ?? '';
  return { name, uri };
}

describe.runIf(act !== undefined && ready)(
  'examples/workflows/deploy.yml run by nektos/act (host runner, Node 24) against the test bed, under the policy its own iam-check step writes',
  () => {
    let service: RollingService;
    let repo: WorkflowRepo;
    let repositoryUri = '';
    const control = new TestbedControl(endpoint);

    const serving = async () => {
      const described = (
        await ecs.send(
          new DescribeServicesCommand({ cluster: service.cluster, services: [service.service] }),
        )
      ).services?.[0];
      return described?.deployments?.map((d) => [d.taskDefinition, d.rolloutState]);
    };

    beforeAll(async () => {
      service = await createRollingService(ecs, { desiredCount: 1 });
      const images = await repository();
      repositoryUri = images.uri;
      repo = new WorkflowRepo(
        act ?? 'act',
        endpoint,
        dockerHost,
        join(examples, 'deploy.yml'),
        service.family,
        {
          AWS_REGION: 'eu-west-1',
          ECR_REPOSITORY: images.name,
          ECS_CLUSTER: service.cluster,
          ECS_SERVICE: service.service,
          MIGRATION_COMMAND: 'npm run migrate',
          // The bake runs in wall time here (act runs the bundles): seconds, not the default 5m.
          BAKE_TIME: '3s',
        },
      );
      await repo.createRole();
    }, 180_000);

    afterAll(() => setIamEnforcement(endpoint, false));

    it('a push to main: iam-check, build and push, register, migrate, deploy, and the service runs the commit', async () => {
      const result = await repo.run('push');
      expect(result.output).toContain('Job succeeded');
      expect(result.code, result.output.slice(-3000)).toBe(0);
      for (const step of [
        'IAM pre-flight',
        'Build and push (or promote an image)',
        'Register the task definition',
        'Migrate the database',
        'Deploy',
      ]) {
        expect(result.output).toContain(`✅  Success - Main ${step}`);
      }
      // The rollback job did not run: the deploy succeeded.
      expect(result.output).not.toContain('Main Roll back');
      const [[taskDefinition, state] = []] = (await serving()) ?? [];
      expect(state).toBe('COMPLETED');
      expect(taskDefinition).toMatch(new RegExp(`${service.family}:2$`));
      const image = (
        await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: taskDefinition ?? '' }))
      ).taskDefinition?.containerDefinitions?.[0]?.image;
      expect(image).toMatch(new RegExp(`^${repositoryUri}@sha256:[0-9a-f]{64}$`));
      const tagged = await ecr.send(
        new DescribeImagesCommand({
          repositoryName: repo.vars['ECR_REPOSITORY'],
          imageIds: [{ imageTag: repo.sha }],
        }),
      );
      expect(`${repositoryUri}@${tagged.imageDetails?.[0]?.imageDigest ?? ''}`).toBe(image);
    });

    it('workflow_dispatch with action rollback: the rollback job returns the service to the revision before', async () => {
      const result = await repo.run('workflow_dispatch', {
        action: 'rollback',
        environment: 'staging',
      });
      expect(result.code, result.output.slice(-3000)).toBe(0);
      expect(result.output).toContain('✅  Success - Main Roll back');
      expect(result.output).not.toContain('Main Deploy');
      expect(await serving()).toEqual([[service.firstTaskDefinition, 'COMPLETED']]);
    });

    it.each([
      [
        { action: 'deploy', environment: 'qa' },
        "Unknown environment 'qa': use staging or production.",
      ],
      [
        { action: 'deploy', environment: 'staging', strategy: 'big-bang' },
        "Unknown strategy 'big-bang': use rolling, blue-green, canary or linear.",
      ],
    ])(
      'workflow_dispatch with %o fails in its first step and changes nothing',
      async (inputs, message) => {
        const mark = await control.mark();
        let result = await repo.run('workflow_dispatch', inputs);
        // act's host runner now and then loses the output of a step that fails within a few
        // milliseconds (seen once in ten CI runs here): the run is tried once more before the
        // message is required.
        if (result.code !== 0 && !result.output.includes(message)) {
          console.warn(`act printed no output for the failed first step; running it again`);
          result = await repo.run('workflow_dispatch', inputs);
        }
        expect(result.code).not.toBe(0);
        expect(result.output).toContain(message);
        expect(result.output).not.toContain('Main IAM pre-flight');
        expect(await control.writes(mark, repo.role?.accessKeyId)).toEqual([]);
        expect(await serving()).toEqual([[service.firstTaskDefinition, 'COMPLETED']]);
      },
    );
  },
);

describe.runIf(act !== undefined && ready)(
  'examples/workflows/deploy-blue-green.yml run by nektos/act against the test bed: ready, approval (act does not hold environments), continue',
  () => {
    let service: BlueGreenService;
    let repo: WorkflowRepo;
    const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());

    beforeAll(async () => {
      service = await createBlueGreenService(
        { ecs, elbv2, codedeploy: new CodeDeployClient(sdkConfig()) },
        endpoint,
        { readyAction: 'STOP_DEPLOYMENT', readyWaitMinutes: 60 },
      );
      const images = await repository();
      repo = new WorkflowRepo(
        act ?? 'act',
        endpoint,
        dockerHost,
        join(examples, 'deploy-blue-green.yml'),
        service.family,
        {
          AWS_REGION: 'eu-west-1',
          ECR_REPOSITORY: images.name,
          ECS_CLUSTER: service.cluster,
          ECS_SERVICE: service.service,
          BAKE_TIME: '3s',
        },
      );
      await repo.createRole();
    }, 180_000);

    afterAll(() => setIamEnforcement(endpoint, false));

    it('a push: the new version is brought up behind the test listener, then promoted to production traffic', async () => {
      const result = await repo.run('push');
      expect(result.code, result.output.slice(-3000)).toBe(0);
      expect(result.output).toMatch(/\[deploy-blue-green\/ready\s*\].*Job succeeded/);
      expect(result.output).toMatch(/\[deploy-blue-green\/promote\s*\].*Job succeeded/);
      expect(result.output).not.toContain('Main ecs-delivery/ecs-delivery/actions/ecs-rollback@v1');
      const described = await ecs.send(
        new DescribeServicesCommand({ cluster: service.cluster, services: [service.service] }),
      );
      const taskSets = described.services?.[0]?.taskSets ?? [];
      expect(taskSets.map((t) => t.status)).toEqual(['PRIMARY']);
      expect(taskSets[0]?.taskDefinition).toMatch(new RegExp(`${service.family}:2$`));
      expect(
        (await listenerWeights(elbv2, service.prodListenerArn))[service.greenTargetGroupArn],
      ).toBe(100);
    });
  },
);

describe.runIf(act !== undefined && ready)(
  "examples/workflows/deploy-native-blue-green.yml run by nektos/act against the test bed: ECS's own blue/green, A/B by header, approval, promote",
  () => {
    let service: NativeService;
    let repo: WorkflowRepo;
    const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());

    beforeAll(async () => {
      service = await createNativeService({ ecs, elbv2 }, endpoint, {
        strategy: 'BLUE_GREEN',
        testRuleOnProductionListener: true,
        hooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
      });
      const images = await repository();
      repo = new WorkflowRepo(
        act ?? 'act',
        endpoint,
        dockerHost,
        join(examples, 'deploy-native-blue-green.yml'),
        service.family,
        {
          AWS_REGION: 'eu-west-1',
          ECR_REPOSITORY: images.name,
          ECS_CLUSTER: service.cluster,
          ECS_SERVICE: service.service,
          BAKE_TIME: '3s',
          TEST_LISTENER_RULE_ARN: service.testRuleArn,
        },
      );
      await repo.createRole();
    }, 180_000);

    afterAll(() => setIamEnforcement(endpoint, false));

    it('a push: ready at the pause with the header split, promoted, production on the new version, the test rule as it was', async () => {
      const result = await repo.run('push');
      expect(result.code, result.output.slice(-3000)).toBe(0);
      expect(result.output).toMatch(/\[deploy-native-blue-green\/ready\s*\].*Job succeeded/);
      expect(result.output).toMatch(/\[deploy-native-blue-green\/promote\s*\].*Job succeeded/);
      expect(result.output).toContain(
        'A/B: the test listener rule now sends requests with header X-Beta: yes',
      );
      expect(result.output).not.toContain('hook-action: rollback');
      const serving = (await describeService(ecs, service.cluster, service.service)).taskDefinition;
      expect(serving).toMatch(new RegExp(`${service.family}:2$`));
      expect(await ruleWeights(elbv2, service.prodRuleArn)).toEqual({
        [service.blueTargetGroupArn]: 0,
        [service.greenTargetGroupArn]: 100,
      });
      const rule = (await elbv2.send(new DescribeRulesCommand({ RuleArns: [service.testRuleArn] })))
        .Rules?.[0];
      expect(rule?.Conditions?.map((c) => c.HttpHeaderConfig?.HttpHeaderName)).toEqual(['X-Test']);
    });
  },
);
