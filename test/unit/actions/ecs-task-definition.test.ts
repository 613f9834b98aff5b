import {
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ecsTaskDefinition } from '../../../src/actions/ecs-task-definition/action.js';
import { type TaskDefinitionInputs } from '../../../src/actions/ecs-task-definition/inputs.js';
import {
  planRegistration,
  renderDefinition,
  revisionsToDeregister,
} from '../../../src/actions/ecs-task-definition/plan.js';
import { runAction } from '../../../src/core/action/run.js';
import type { TaskDefinition } from '../../../src/core/taskdef/types.js';
import { recordingRuntime } from '../../support/runtime.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');
const web = JSON.parse(
  readFileSync(join(fixtures, 'task-definitions', 'web.json'), 'utf8'),
) as TaskDefinition;
const arn = (revision: number) =>
  `arn:aws:ecs:eu-west-1:123456789012:task-definition/web:${revision}`;

function inputs(overrides: Partial<TaskDefinitionInputs> = {}): TaskDefinitionInputs {
  return {
    region: 'eu-west-1',
    source: { kind: 'file', path: 'web.json', definition: web, tags: [] },
    changes: { containers: [] },
    implicitContainer: false,
    reuseIdentical: true,
    keepRevisions: 0,
    protectClusters: [],
    cluster: undefined,
    service: undefined,
    allowUnknownKeys: [],
    dryRun: false,
    workspace: fixtures,
    outputDirectory: tmpdir(),
    ...overrides,
  };
}

describe('revisionsToDeregister', () => {
  const all = [7, 6, 5, 4, 3, 2, 1].map(arn);
  it.each([
    ['keeps everything when keep is 0', 0, [], 7, []],
    ['keeps the newest N', 3, [], 7, [arn(4), arn(3), arn(2), arn(1)]],
    ['never deregisters what a service uses', 2, [arn(2)], 7, [arn(5), arn(4), arn(3), arn(1)]],
    [
      'keeps the rollback target even when keep is 1',
      1,
      [],
      7,
      [arn(5), arn(4), arn(3), arn(2), arn(1)],
    ],
    [
      'keeps the current revision when it is not the newest (reused)',
      1,
      [],
      4,
      [arn(6), arn(5), arn(2), arn(1)],
    ],
  ])('%s', (_, keep, inUse, current, expected) => {
    expect(revisionsToDeregister(all, keep, new Set(inUse), arn(current))).toEqual(expected);
  });
});

describe('planRegistration', () => {
  const rendered = () => renderDefinition(inputs(), { definition: web, tags: [] });

  it('registers when there is no previous revision, and lists what that needs', () => {
    const plan = planRegistration(inputs(), rendered(), undefined);
    expect(plan.action).toBe('register');
    expect(plan.permissions.map((p) => [p.action, p.resource, p.context])).toEqual([
      ['ecs:DescribeTaskDefinition', '*', undefined],
      ['ecs:RegisterTaskDefinition', '*', undefined],
      [
        'iam:PassRole',
        'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
        { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
      ],
    ]);
  });

  it('reuses an identical latest revision and then needs no write permission', () => {
    const plan = planRegistration(inputs(), rendered(), {
      arn: arn(3),
      definition: structuredClone(web),
      tags: [],
    });
    expect(plan.action).toBe('reuse');
    expect(plan.permissions.filter((p) => p.write)).toEqual([]);
  });

  it.each([
    ['reuse is off', inputs({ reuseIdentical: false }), [], 'register'],
    ['the tags differ', inputs(), [{ key: 'team', value: 'x' }], 'register'],
    ['it is a dry run', inputs({ dryRun: true }), [], 'dry-run'],
  ])('does not reuse when %s', (_, planInputs, latestTags, action) => {
    expect(
      planRegistration(planInputs, rendered(), { arn: arn(3), definition: web, tags: latestTags })
        .action,
    ).toBe(action);
  });

  it('asks for ecs:TagResource on the family with the create-action condition when tagging', () => {
    const tagged = renderDefinition(
      inputs({ changes: { containers: [], tags: { team: 'payments' } } }),
      { definition: web, tags: [] },
    );
    const plan = planRegistration(inputs(), tagged, { arn: arn(3), definition: web, tags: [] });
    expect(plan.permissions).toContainEqual(
      expect.objectContaining({
        action: 'ecs:TagResource',
        resource: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:*',
        context: { 'ecs:CreateAction': 'RegisterTaskDefinition' },
      }),
    );
  });

  it('names the containers when the single-container inputs need a container name', () => {
    const yaml = {
      family: 'shop',
      containerDefinitions: [
        { name: 'app', image: 'a:1' },
        { name: 'log-router', image: 'b:1' },
      ],
    };
    expect(() =>
      renderDefinition(inputs({ changes: { containers: [{ name: '', image: 'a:2' }] } }), {
        definition: yaml,
        tags: [],
      }),
    ).toThrow(
      "Input 'container-name' is required: the task definition has containers 'app', 'log-router'.",
    );
  });
});

const ecs = mockClient(ECSClient);
afterEach(() => {
  ecs.reset();
});

describe('ecs-task-definition action (aws-sdk-client-mock)', () => {
  const base = { 'aws-region': 'eu-west-1', 'task-definition': 'task-definitions/web.json' };
  const env = () => ({
    GITHUB_WORKSPACE: fixtures,
    RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'td-')),
  });

  it('registers the rendered definition with the new image and writes it to a file', async () => {
    ecs.on(DescribeTaskDefinitionCommand).rejects(
      Object.assign(new Error('Unable to describe task definition.'), {
        name: 'ClientException',
        $metadata: {},
      }),
    );
    ecs
      .on(RegisterTaskDefinitionCommand)
      .resolves({ taskDefinition: { taskDefinitionArn: arn(1) } });
    const { runtime, outputs, failures, written } = recordingRuntime(
      { ...base, image: 'registry.example/web:2' },
      env(),
    );
    await runAction(ecsTaskDefinition, runtime);
    expect(failures).toEqual([]);
    const registered = ecs.commandCalls(RegisterTaskDefinitionCommand)[0]?.args[0].input;
    expect(registered?.containerDefinitions?.[0]?.image).toBe('registry.example/web:2');
    expect(Object.fromEntries(outputs.values)).toMatchObject({
      'task-definition-arn': arn(1),
      family: 'web',
      revision: '1',
      registered: 'true',
    });
    const file = JSON.parse(
      readFileSync(outputs.get('task-definition-file') ?? '', 'utf8'),
    ) as TaskDefinition;
    expect(file.containerDefinitions?.[0]?.image).toBe('registry.example/web:2');
    expect(written[0]).toContain('| web | container |  | added |');
  });

  it('changes several containers from the containers input (numbers in environment become strings)', async () => {
    ecs.on(DescribeTaskDefinitionCommand).rejects(
      Object.assign(new Error('Unable to describe task definition.'), {
        name: 'ClientException',
        $metadata: {},
      }),
    );
    ecs
      .on(RegisterTaskDefinitionCommand)
      .resolves({ taskDefinition: { taskDefinitionArn: arn(1) } });
    const { runtime, failures } = recordingRuntime(
      {
        ...base,
        containers:
          '- name: web\n  image: registry.example/web:3\n  environment: { PORT: 8080, DEBUG: true }',
      },
      env(),
    );
    await runAction(ecsTaskDefinition, runtime);
    expect(failures).toEqual([]);
    const container = ecs.commandCalls(RegisterTaskDefinitionCommand)[0]?.args[0].input
      .containerDefinitions?.[0];
    expect(container?.image).toBe('registry.example/web:3');
    expect(container?.environment).toEqual([
      { name: 'NODE_ENV', value: 'production' },
      { name: 'PORT', value: '8080' },
      { name: 'DEBUG', value: 'true' },
    ]);
  });

  it.each([
    [
      '{"family": "web",\n  "containerDefinitions": [}',
      "Input 'task-definition' (broken.json) is not valid JSON at line 2, column 28: expected a value, found '}'.",
    ],
    [
      'family: web\ncontainerDefinitions:\n  - name: [web\n',
      "Input 'task-definition' (broken.json) is not valid YAML at line 4, column 1",
    ],
  ])('reports where a malformed definition file breaks: %j', async (text, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-'));
    writeFileSync(join(dir, 'broken.json'), text);
    const { runtime, failures } = recordingRuntime(
      { 'aws-region': 'eu-west-1', 'task-definition': 'broken.json' },
      { GITHUB_WORKSPACE: dir },
    );
    await runAction(ecsTaskDefinition, runtime);
    expect(failures[0]?.startsWith(message)).toBe(true);
    expect(ecs.calls()).toHaveLength(0);
  });

  it.each([
    [
      { image: 'registry.example/web app:2' },
      "Input 'image' is not a valid image reference: 'registry.example/web app:2'.",
    ],
    [
      { 'environment-variables': 'A=1\nBROKEN' },
      "Input 'environment-variables' line 2 must look like KEY=VALUE, got 'BROKEN'.",
    ],
    [
      { 'execution-role-arn': 'ecsTaskExecutionRole' },
      "Input 'execution-role-arn' must be an IAM role ARN",
    ],
    [
      { 'container-name': 'api', image: 'x:1' },
      "Container 'api' is not in the task definition; it has 'web'.",
    ],
    [
      { memory: '4096' },
      'The task definition is not valid: memory: FARGATE does not offer memory 4096 with cpu 256',
    ],
    [
      { 'task-definition': 'task-definitions/missing.json' },
      "Input 'task-definition': cannot read the file task-definitions/missing.json.",
    ],
    [
      { 'task-definition-family': 'web' },
      "Give exactly one of 'task-definition' (a file), 'task-definition-family' or 'task-definition-arn'; 2 were given.",
    ],
    [{ 'keep-revisions': '-1' }, "Input 'keep-revisions' must be between 0 and 1000, got -1."],
    [{ command: 'npm run migrate' }, "Input 'command' is invalid: must be array."],
  ])('fails %j before any AWS call', async (values, message) => {
    const { runtime, failures } = recordingRuntime({ ...base, ...values }, env());
    await runAction(ecsTaskDefinition, runtime);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.startsWith(message)).toBe(true);
    expect(ecs.calls()).toHaveLength(0);
  });
});
