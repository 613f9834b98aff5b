import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ecsTaskDefinition } from '../../src/actions/ecs-task-definition/action.js';
import { runAction } from '../../src/core/action/run.js';
import { TestbedControl } from '../testbed/client.ts';
import { emulatorEnv, sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { uniqueName, waitForSteady } from '../support/ecs-fixtures.js';
import { recordingRuntime } from '../support/runtime.js';

const fixture = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'task-definitions', 'web.json'),
  'utf8',
);
const ecs = new ECSClient(sdkConfig());
const control = new TestbedControl(inject('awsEndpoint'));

/** A workspace with web.json under a family unique to this test. */
function workspace(): { dir: string; family: string } {
  const dir = mkdtempSync(join(tmpdir(), 'workspace-'));
  const family = uniqueName('web');
  writeFileSync(join(dir, 'web.json'), fixture.replace('"family": "web"', `"family": "${family}"`));
  return { dir, family };
}

/** A new cluster with a FARGATE service `web` of one task running `taskDefinition`; its name. */
async function serviceOn(prefix: string, taskDefinition: string): Promise<string> {
  const cluster = uniqueName(prefix);
  await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: 'web',
      taskDefinition,
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'] } },
    }),
  );
  return cluster;
}

async function run(values: Record<string, string>, dir: string, accessKey = uniqueAccessKey()) {
  const recording = recordingRuntime(values, {
    ...emulatorEnv(undefined, accessKey),
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')),
  });
  await runAction(ecsTaskDefinition, recording.runtime);
  return recording;
}

describe(`actions/ecs-task-definition on ${inject('emulator')}`, () => {
  it('registers from a file, then reuses the identical revision against the defaults ECS filled', async () => {
    const { dir, family } = workspace();
    const first = await run(
      { 'task-definition': 'web.json', image: 'registry.example/web:1' },
      dir,
    );
    expect(first.failures).toEqual([]);
    expect(first.outputs.get('registered')).toBe('true');
    expect(first.outputs.get('revision')).toBe('1');

    const accessKey = uniqueAccessKey();
    const mark = inject('testbed') ? await control.mark() : 0;
    const second = await run(
      { 'task-definition': 'web.json', image: 'registry.example/web:1' },
      dir,
      accessKey,
    );
    expect(second.failures).toEqual([]);
    expect(second.outputs.get('registered')).toBe('false');
    expect(second.outputs.get('task-definition-arn')).toBe(
      first.outputs.get('task-definition-arn'),
    );
    if (inject('testbed')) {
      const operations = (await control.requests(mark, accessKey)).map((r) => r.operation);
      expect(operations).toEqual(['DescribeTaskDefinition']);
    }
    const third = await run(
      { 'task-definition': 'web.json', image: 'registry.example/web:2' },
      dir,
    );
    expect(third.outputs.get('revision')).toBe('2');
    expect(third.outputs.get('previous-task-definition-arn')).toBe(
      first.outputs.get('task-definition-arn'),
    );
    expect(third.written[0]).toContain(
      '| web | image | registry.example/web:1 | registry.example/web:2 |',
    );
    const registered = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: `${family}:2` }),
    );
    expect(registered.taskDefinition?.containerDefinitions?.[0]?.image).toBe(
      'registry.example/web:2',
    );
  });

  it('starts from a family or an ARN and changes only what is asked', async () => {
    const { dir, family } = workspace();
    const base = await run({ 'task-definition': 'web.json', tags: 'team=payments' }, dir);
    const fromFamily = await run(
      { 'task-definition-family': family, 'environment-variables': 'FEATURE_X=on' },
      dir,
    );
    expect(fromFamily.failures).toEqual([]);
    const described = await ecs.send(
      new DescribeTaskDefinitionCommand({
        taskDefinition: fromFamily.outputs.get('task-definition-arn') ?? '',
        include: ['TAGS'],
      }),
    );
    expect(described.taskDefinition?.containerDefinitions?.[0]?.environment).toEqual(
      expect.arrayContaining([
        { name: 'NODE_ENV', value: 'production' },
        { name: 'FEATURE_X', value: 'on' },
      ]),
    );
    expect(described.tags).toEqual([{ key: 'team', value: 'payments' }]);
    const fromArn = await run(
      { 'task-definition-arn': base.outputs.get('task-definition-arn') ?? '', 'dry-run': 'true' },
      dir,
    );
    expect(fromArn.failures).toEqual([]);
    expect(fromArn.outputs.get('registered')).toBe('false');
    expect(fromArn.outputs.get('task-definition-arn')).toBe('');
  });

  it('keeps the last N revisions, sparing what a service uses and the rollback target', async () => {
    const { dir, family } = workspace();
    const arns: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const result = await run(
        { 'task-definition': 'web.json', image: `registry.example/web:${i}` },
        dir,
      );
      arns.push(result.outputs.get('task-definition-arn') ?? '');
    }
    const cluster = await serviceOn('keep', arns[1] ?? '');
    const sixth = await run(
      {
        'task-definition': 'web.json',
        image: 'registry.example/web:6',
        'keep-revisions': '1',
        'protect-clusters': cluster,
      },
      dir,
    );
    expect(sixth.failures).toEqual([]);
    // kept: 6 (current), 5 (rollback target), 2 (in use); deregistered: 4, 3, 1
    expect(JSON.parse(sixth.outputs.get('deregistered') ?? '[]')).toEqual([
      arns[3],
      arns[2],
      arns[0],
    ]);
    const active = await ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE' }),
    );
    expect(active.taskDefinitionArns?.map((a) => a.split(':').at(-1))).toEqual(['2', '5', '6']);
  });

  it.runIf(inject('testbed'))(
    "keep-revisions spares what services in the deploy's cluster and in other clusters run, and what each would roll back to",
    async () => {
      const { dir, family } = workspace();
      const arns: string[] = [];
      for (let i = 1; i <= 5; i++) {
        const result = await run(
          { 'task-definition': 'web.json', image: `registry.example/web:${i}` },
          dir,
        );
        arns.push(result.outputs.get('task-definition-arn') ?? '');
      }
      // The deploy's cluster: its service went from revision 3 to 4, so 3 is its rollback target.
      const deployCluster = await serviceOn('prod', arns[2] ?? '');
      await waitForSteady(ecs, deployCluster, 'web');
      await ecs.send(
        new UpdateServiceCommand({
          cluster: deployCluster,
          service: 'web',
          taskDefinition: arns[3],
        }),
      );
      await waitForSteady(ecs, deployCluster, 'web');
      // Another cluster still runs revision 1.
      const other = await serviceOn('staging', arns[0] ?? '');
      await waitForSteady(ecs, other, 'web');

      const refusedKey = uniqueAccessKey();
      const mark = await control.mark();
      const refused = await run(
        { 'task-definition': 'web.json', image: 'registry.example/web:6', 'keep-revisions': '1' },
        dir,
        refusedKey,
      );
      expect(refused.failures[0]).toMatch(
        /^Input 'keep-revisions' deregisters old revisions, but no cluster says which of them services still run or would roll back to/,
      );
      expect(await control.writes(mark, refusedKey)).toEqual([]);

      const sixth = await run(
        {
          'task-definition': 'web.json',
          image: 'registry.example/web:6',
          'keep-revisions': '1',
          cluster: deployCluster,
          'protect-clusters': other,
        },
        dir,
      );
      expect(sixth.failures).toEqual([]);
      // kept: 6 (current), 5 (the family's rollback target), 4 (runs in prod), 3 (prod's
      // rollback target), 1 (runs in staging); deregistered: 2 alone.
      expect(JSON.parse(sixth.outputs.get('deregistered') ?? '[]')).toEqual([arns[1]]);
      const active = await ecs.send(
        new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE' }),
      );
      expect(active.taskDefinitionArns?.map((a) => a.split(':').at(-1))).toEqual([
        '1',
        '3',
        '4',
        '5',
        '6',
      ]);
    },
  );

  it.runIf(inject('testbed'))(
    'a dry run compared with what a service runs says what a deploy to it would change',
    async () => {
      const { dir } = workspace();
      const arns: string[] = [];
      for (const tag of ['1', '2']) {
        const result = await run(
          { 'task-definition': 'web.json', image: `registry.example/web:${tag}` },
          dir,
        );
        arns.push(result.outputs.get('task-definition-arn') ?? '');
      }
      const cluster = await serviceOn('diff', arns[0] ?? '');
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      // Identical to the latest revision (2), but the service still runs 1.
      const dry = await run(
        {
          'task-definition': 'web.json',
          image: 'registry.example/web:2',
          cluster,
          service: 'web',
          'dry-run': 'true',
        },
        dir,
        accessKey,
      );
      expect(dry.failures).toEqual([]);
      expect(dry.outputs.get('changes')).toBe('true');
      expect(dry.written[0]).toContain(
        `Compared with what ${cluster}/web runs (${arns[0] ?? ''}):`,
      );
      expect(dry.written[0]).toContain(
        '| web | image | registry.example/web:1 | registry.example/web:2 |',
      );
      expect(await control.writes(mark, accessKey)).toEqual([]);
      const same = await run(
        {
          'task-definition': 'web.json',
          image: 'registry.example/web:1',
          cluster,
          service: 'web',
          'dry-run': 'true',
        },
        dir,
      );
      expect(same.outputs.get('changes')).toBe('false');
      expect(same.written[0]).toContain(`No change from what ${cluster}/web runs`);
    },
  );

  it.runIf(inject('testbed'))(
    'registers nothing on bad input (the journal shows no write)',
    async () => {
      const { dir } = workspace();
      // A file ECS would reject: a task cpu it cannot read, on EC2 (no Fargate sizes to check).
      const ec2 = JSON.parse(readFileSync(join(dir, 'web.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      delete ec2['requiresCompatibilities'];
      writeFileSync(join(dir, 'lots.json'), JSON.stringify({ ...ec2, cpu: 'lots' }));
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const bad = [
        { 'task-definition': 'web.json', image: 'web app:1' },
        { 'task-definition': 'web.json', 'container-name': 'api', image: 'web:1' },
        { 'task-definition': 'web.json', memory: '8192' },
        { 'task-definition': 'lots.json' },
        { 'task-definition': 'web.json', 'task-role-arn': 'not-an-arn' },
        { 'task-definition': 'web.json', 'environment-variables': 'NO_EQUALS_SIGN' },
      ];
      const failures: string[] = [];
      for (const values of bad) {
        const result = await run(values, dir, accessKey);
        expect(result.failures).toHaveLength(1);
        failures.push(result.failures[0] ?? '');
      }
      expect(failures.find((f) => f.includes('lots'))).toContain(
        "cpu: 'lots' is not a task cpu ECS accepts",
      );
      expect(await control.requests(mark, accessKey)).toEqual([]);
    },
  );
});
