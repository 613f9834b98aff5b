import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { sdkConfig } from '../support/aws-env.js';
import { CanaryPipeline } from '../support/canary-pipeline.js';
import { listenerWeights } from '../support/codedeploy-fixtures.js';
import { docker } from '../support/docker.js';

const endpoint = inject('awsEndpoint');
const dockerHost = inject('dockerHost') ?? '';
const ecs = new ECSClient(sdkConfig());
const elbv2 = new ElasticLoadBalancingV2Client(sdkConfig());

/** The service's task sets and the images its running containers were started from. */
async function serving(cluster: string, service: string) {
  const described = (await ecs.send(new DescribeServicesCommand({ cluster, services: [service] })))
    .services?.[0];
  const running =
    (await ecs.send(new ListTasksCommand({ cluster, desiredStatus: 'RUNNING' }))).taskArns ?? [];
  const tasks =
    running.length === 0
      ? []
      : ((await ecs.send(new DescribeTasksCommand({ cluster, tasks: running }))).tasks ?? []);
  const images = new Set<string>();
  for (const task of tasks) {
    const inspected = await docker(
      ['inspect', '--format', '{{.Config.Image}}', task.containers?.[0]?.runtimeId ?? ''],
      { host: dockerHost, config: mkdtempSync(join(tmpdir(), 'cfg-')) },
    );
    images.add(inspected.stdout.trim());
  }
  return {
    taskDefinition: described?.taskDefinition,
    taskSets: (described?.taskSets ?? []).map((s) => [s.status, s.taskDefinition]),
    images: [...images],
  };
}

describe.runIf(inject('testbed') && inject('dockerHost') !== null)(
  'the pipeline through the bundles under its least-privilege policy: iam-check -> ecr-build-push -> ecs-task-definition -> ecs-deploy (canary, real containers, test bed IAM enforcement)',
  () => {
    const pipeline = new CanaryPipeline({ endpoint, dockerHost });
    afterAll(() => pipeline.close());

    it('releases a version by canary, then detects a crashing version and ends back on the good one', async () => {
      const service = await pipeline.provision();
      const check = await pipeline.createDeployRole();
      // The policy names the resources of this run, and the CodeDeploy writes on them.
      const policyText = JSON.stringify(pipeline.policy);
      expect(policyText).toContain(
        `deploymentgroup:AppECS-${service.cluster}-web/DgpECS-${service.cluster}-web`,
      );
      expect(policyText).toContain('codedeploy:CreateDeploymentConfig');
      expect(policyText).toContain(`repository/${pipeline.repository}`);
      expect(check.summary).toContain('codedeploy:CreateDeployment');

      const good = await pipeline.release('shop v2', '2'.repeat(40));
      expect(good.steps.map((s) => [s.action, s.run.exitCode, s.run.errors])).toEqual([
        ['iam-check', 0, []],
        ['ecr-build-push', 0, []],
        ['ecs-task-definition', 0, []],
        ['ecs-deploy', 0, []],
      ]);
      expect(good.steps[0]?.run.outputs['allowed']).toBe('true');
      expect(good.deploy?.outputs).toMatchObject({
        status: 'SUCCEEDED',
        strategy: 'canary',
        'rolled-back': 'false',
        'previous-task-definition-arn': service.firstTaskDefinition,
        'task-definition-arn': good.taskDefinition,
      });
      // The traffic steps were printed as they happened: 25%, then all of it.
      expect(good.deploy?.stdout).toMatch(/25% .*new/i);
      expect(good.deploy?.stdout).toMatch(/100% .*new/i);
      // The summary draws the job: the four steps (each recorded in GITHUB_ENV for the next)
      // and the traffic steps, with the same facts in a table.
      const chart = /```mermaid\n([\s\S]*?)```/.exec(good.deploy?.summary ?? '')?.[1] ?? '';
      for (const line of [
        /^ {2}iam-check \d+(m|s)\S* :done, /m,
        /^ {2}ecr-build-push \d+(m|s)\S* :done, /m,
        /^ {2}ecs-task-definition \d+(m|s)\S* :done, /m,
        /^ {2}ecs-deploy \d+(m|s)\S* :done, /m,
        /^ {2}25 pct for \d+(m|s)\S* :active, /m,
        /^ {2}100 pct for /m,
      ])
        expect(chart).toMatch(line);
      expect(good.deploy?.summary).toMatch(/\| 25% of production traffic on the new version \|/);
      const afterGood = await serving(service.cluster, service.service);
      expect(afterGood.taskSets).toEqual([['PRIMARY', good.taskDefinition]]);
      expect(afterGood.images).toEqual([good.image]);
      const weights = await listenerWeights(elbv2, service.prodListenerArn);
      expect(weights[service.greenTargetGroupArn]).toBe(100);

      const bad = await pipeline.release(
        'shop v3',
        '3'.repeat(40),
        'FATAL: cannot reach the database',
      );
      const deploy = bad.deploy;
      expect(deploy?.exitCode).toBe(1);
      expect(deploy?.outputs['rolled-back']).toBe('true');
      expect(deploy?.outputs['reason']).toMatch(/ECS_UPDATE_ERROR/);
      expect(deploy?.errors[0]).toMatch(/CodeDeploy rolled it back/);
      expect(deploy?.summary).toContain('Failed');
      // Why the tasks stopped, and the crashed container's last lines from CloudWatch Logs.
      expect(deploy?.stdout).toMatch(
        /task [\w-]+ stopped: Essential container in task exited; web exit 1/,
      );
      expect(deploy?.stdout).toContain('  | FATAL: cannot reach the database');
      // The summary lists the crashed container with a link to its log stream.
      expect(deploy?.summary).toMatch(
        /\| [\w-]+ \| web \| 1 \| Essential container in task exited \| \[app\/web\/[\w-]+\]\(https:\/\/[a-z0-9-]+\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=[a-z0-9-]+#logsV2:log-groups\/log-group\/\$252Fecs\$252F[\w-]+\/log-events\/app\$252Fweb\$252F[\w-]+\) \|/,
      );
      const afterBad = await serving(service.cluster, service.service);
      expect(afterBad.taskSets).toEqual([['PRIMARY', good.taskDefinition]]);
      expect(afterBad.images).toEqual([good.image]);
      expect(await listenerWeights(elbv2, service.prodListenerArn)).toMatchObject({
        [service.greenTargetGroupArn]: 100,
      });

      // A rollback job afterwards finds the deploy already rolled back, and changes nothing.
      const again = await pipeline.rollBack({ reason: 'v3 crashed' });
      expect([again.exitCode, again.errors]).toEqual([0, []]);
      expect(again.outputs).toMatchObject({ 'rolled-back': 'false', status: 'UNCHANGED' });
      expect(again.stdout).toContain('was already rolled back from');
      // By hand, back to version 1 by its revision number: a CodeDeploy deployment under the
      // same least-privilege policy, ending with version 1's containers serving.
      const toFirst = await pipeline.rollBack({
        to: service.firstTaskDefinition.split(':').at(-1) ?? '',
      });
      expect([toFirst.exitCode, toFirst.errors]).toEqual([0, []]);
      expect(toFirst.outputs).toMatchObject({
        'rolled-back': 'true',
        status: 'SUCCEEDED',
        'from-task-definition-arn': good.taskDefinition,
        'to-task-definition-arn': service.firstTaskDefinition,
      });
      expect(toFirst.summary).toContain('Rollback');
      const afterRollback = await serving(service.cluster, service.service);
      expect(afterRollback.taskSets).toEqual([['PRIMARY', service.firstTaskDefinition]]);
      expect(afterRollback.images).toEqual([pipeline.firstImage]);
    }, 600_000);
  },
);
