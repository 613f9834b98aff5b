import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigurationError } from '../../../src/core/action/errors.js';
import { diffDefinitions } from '../../../src/core/taskdef/diff.js';
import { normalizeDefinition, sameDefinition } from '../../../src/core/taskdef/normalize.js';
import {
  applyChanges,
  fromDescribeOutput,
  mergeTags,
  pruneEmpty,
} from '../../../src/core/taskdef/render.js';
import type { TaskDefinition } from '../../../src/core/taskdef/types.js';
import {
  FARGATE_SIZES,
  isImageReference,
  isRoleArn,
  nearestKey,
  parseTaskSize,
  unknownKeys,
  validateDefinition,
} from '../../../src/core/taskdef/validate.js';

const fixture = (name: string): unknown => {
  const text = readFileSync(
    new URL(`../../fixtures/task-definitions/${name}`, import.meta.url),
    'utf8',
  );
  return name.endsWith('.yaml') ? parse(text) : JSON.parse(text);
};
const web = (): TaskDefinition => fixture('web.json') as TaskDefinition;

describe('fromDescribeOutput', () => {
  it('turns a real describe-task-definition output into what RegisterTaskDefinition takes', () => {
    const { definition, tags } = fromDescribeOutput(fixture('describe-output.json'), 'file');
    for (const key of [
      'taskDefinitionArn',
      'revision',
      'status',
      'requiresAttributes',
      'compatibilities',
      'registeredAt',
      'registeredBy',
      'deregisteredAt',
    ]) {
      expect(definition).not.toHaveProperty(key);
    }
    expect(tags).toEqual([{ key: 'team', value: 'payments' }]);
    const container = definition.containerDefinitions?.[0] ?? {};
    expect(container).not.toHaveProperty('mountPoints');
    expect(container).not.toHaveProperty('environmentFiles');
    expect(container['logConfiguration']).toEqual({
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '/ecs/web',
        'awslogs-region': 'eu-west-1',
        'awslogs-stream-prefix': 'web',
      },
    });
    expect(definition['enableFaultInjection']).toBe(false);
    expect(unknownKeys(definition)).toEqual([]);
    expect(validateDefinition(definition)).toEqual([]);
  });

  it('accepts a definition without the describe wrapper, and refuses what is not an object', () => {
    expect(fromDescribeOutput({ family: 'x', containerDefinitions: [] }, 'f').definition).toEqual({
      family: 'x',
    });
    expect(() => fromDescribeOutput(['x'], 'File web.json')).toThrow(
      'File web.json must be a JSON or YAML object, not a list.',
    );
  });

  it.each([
    [
      { a: null, b: '', c: [], d: {}, e: 0, f: false, g: [{ h: [] }] },
      { e: 0, f: false },
    ],
    [{ options: { k: '' } }, {}],
    [
      [1, null, '', 2],
      [1, 2],
    ],
  ])('pruneEmpty(%j)', (input, output) => {
    expect(pruneEmpty(input)).toEqual(output);
  });
});

describe('applyChanges', () => {
  it('sets the image and adds, replaces and removes variables and secrets', () => {
    const definition = fromDescribeOutput(fixture('describe-output.json'), 'f').definition;
    const next = applyChanges(definition, {
      containers: [
        {
          name: 'web',
          image: 'registry.example/web@sha256:' + 'a'.repeat(64),
          environment: { LOG_LEVEL: 'debug', FEATURE_X: 'on' },
          removeEnvironment: ['NODE_ENV'],
          secrets: { API_KEY: 'arn:aws:ssm:eu-west-1:123456789012:parameter/api-key' },
          removeSecrets: ['DATABASE_URL'],
          memoryReservation: 256,
          dockerLabels: { team: 'payments' },
        },
      ],
      cpu: '512',
      memory: '1024',
    });
    const container = next.containerDefinitions?.[0] ?? {};
    expect(container.image).toBe('registry.example/web@sha256:' + 'a'.repeat(64));
    expect(container['environment']).toEqual([
      { name: 'LOG_LEVEL', value: 'debug' },
      { name: 'FEATURE_X', value: 'on' },
    ]);
    expect(container['secrets']).toEqual([
      { name: 'API_KEY', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/api-key' },
    ]);
    expect(container['memoryReservation']).toBe(256);
    expect(container['dockerLabels']).toEqual({ team: 'payments' });
    expect([next['cpu'], next['memory']]).toEqual(['512', '1024']);
    // the source is not modified
    expect(definition.containerDefinitions?.[0]?.image).toContain('123456789012.dkr.ecr');
  });

  it('names the containers that exist when a change names another', () => {
    const error = (() => {
      try {
        applyChanges(fixture('two-containers.yaml') as TaskDefinition, {
          containers: [{ name: 'api', image: 'x:1' }],
        });
      } catch (e) {
        return e as ConfigurationError;
      }
      return undefined;
    })();
    expect(error?.message).toBe(
      "Container 'api' is not in the task definition; it has 'app', 'log-router'. Use the name of a container in containerDefinitions.",
    );
  });

  it('merges tags: source first, requested ones replace by key', () => {
    expect(
      mergeTags(
        [
          { key: 'team', value: 'a' },
          { key: 'app', value: 'web' },
        ],
        { team: 'b', env: 'prod' },
      ),
    ).toEqual([
      { key: 'app', value: 'web' },
      { key: 'env', value: 'prod' },
      { key: 'team', value: 'b' },
    ]);
  });
});

describe('unknown keys', () => {
  it.each([
    [
      { family: 'x', containerDefinitions: [{ name: 'a', image: 'i', healthcheck: {} }] },
      "unknown key 'containerDefinitions[0].healthcheck'; did you mean 'healthCheck'",
    ],
    [
      { family: 'x', containerDefinitons: [] },
      "unknown key 'containerDefinitons'; did you mean 'containerDefinitions'",
    ],
    [
      {
        family: 'x',
        containerDefinitions: [{ name: 'a', image: 'i', portMappings: [{ containerport: 80 }] }],
      },
      "unknown key 'containerDefinitions[0].portMappings[0].containerport'; did you mean 'containerPort'",
    ],
    [{ family: 'x', somethingNew: true }, "unknown key 'somethingNew'"],
  ])('finds %j', (definition, message) => {
    expect(unknownKeys(definition as TaskDefinition)[0]?.message).toBe(message);
  });

  it('lets named keys through and never checks inside free-form maps', () => {
    expect(unknownKeys({ family: 'x', somethingNew: true }, ['somethingNew'])).toEqual([]);
    expect(
      unknownKeys({
        family: 'x',
        containerDefinitions: [{ name: 'a', image: 'i', dockerLabels: { anything: 'goes' } }],
      }),
    ).toEqual([]);
  });

  it('suggests only near keys', () => {
    expect(nearestKey('imag', ['image', 'name'])).toBe('image');
    expect(nearestKey('zzzzzzzz', ['image', 'name'])).toBeUndefined();
  });
});

describe('validation', () => {
  it.each([
    ['registry.example/web:1', true],
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web@sha256:' + 'f'.repeat(64), true],
    ['127.0.0.1:5000/web:latest', true],
    ['nginx', true],
    ['my image:1', false],
    ['Web:1', false],
    ['web:', false],
    ['web@sha256:abc', false],
    ['', false],
  ])('image reference %j valid: %s', (image, valid) => {
    expect(isImageReference(image)).toBe(valid);
  });

  it.each([
    ['arn:aws:iam::123456789012:role/deploy', true],
    ['arn:aws-cn:iam::123456789012:role/path/deploy', true],
    ['arn:aws-us-gov:iam::123456789012:role/x', true],
    ['deploy', false],
    ['arn:aws:iam::12345:role/x', false],
    ['arn:aws:iam::123456789012:user/x', false],
  ])('role ARN %j valid: %s', (arn, valid) => {
    expect(isRoleArn(arn)).toBe(valid);
  });

  it.each([
    ['256', 'cpu', 256],
    ['0.25 vCPU', 'cpu', 256],
    ['1 vcpu', 'cpu', 1024],
    ['2 GB', 'memory', 2048],
    ['512', 'memory', 512],
    ['lots', 'memory', Number.NaN],
  ] as const)('task size %j (%s) is %d', (text, kind, value) => {
    expect(parseTaskSize(text, kind)).toBe(value);
  });

  it.each([
    ['256', '512', []],
    ['0.25 vCPU', '2 GB', []],
    [
      '256',
      '4096',
      [
        'memory: FARGATE does not offer memory 4096 with cpu 256; use 512 to 2048 MiB in steps of 512',
      ],
    ],
    [
      '300',
      '512',
      ['cpu: FARGATE does not offer cpu 300; use one of 256, 512, 1024, 2048, 4096, 8192, 16384'],
    ],
    [undefined, '512', ['cpu: FARGATE needs task-level cpu and memory']],
  ])('FARGATE cpu %j with memory %j', (cpu, memory, problems) => {
    const definition = {
      ...web(),
      ...(cpu === undefined ? {} : { cpu }),
      memory,
    } as TaskDefinition;
    if (cpu === undefined) delete definition['cpu'];
    expect(validateDefinition(definition).map((p) => `${p.path}: ${p.message}`)).toEqual(problems);
  });

  // On EC2 (no FARGATE in requiresCompatibilities) ECS still rejects what it cannot read.
  it.each([
    [
      'lots',
      '512',
      [
        'cpu: \'lots\' is not a task cpu ECS accepts: give CPU units as a whole number in a string ("1024") or vCPUs ("1 vCPU", "0.5 vCPU")',
      ],
    ],
    [
      '1024',
      'plenty',
      [
        'memory: \'plenty\' is not a task memory ECS accepts: give MiB as a whole number in a string ("2048") or GB ("2 GB", "0.5 GB")',
      ],
    ],
    [
      '64',
      '512',
      [
        'cpu: task cpu 64 is outside what ECS runs: 128 (0.125 vCPU) to 196608 (192 vCPU) CPU units',
      ],
    ],
    [
      '200 vCPU',
      '512',
      [
        'cpu: task cpu 200 vCPU is outside what ECS runs: 128 (0.125 vCPU) to 196608 (192 vCPU) CPU units',
      ],
    ],
    [
      '0',
      '512',
      [
        'cpu: \'0\' is not a task cpu ECS accepts: give CPU units as a whole number in a string ("1024") or vCPUs ("1 vCPU", "0.5 vCPU")',
      ],
    ],
    ['2 vCPU', '0.5 GB', []],
    [1024, 2048, []],
  ])('EC2 task cpu %j with memory %j', (cpu, memory, problems) => {
    const definition = { ...web(), cpu, memory } as TaskDefinition;
    delete definition['requiresCompatibilities'];
    expect(validateDefinition(definition).map((p) => `${p.path}: ${p.message}`)).toEqual(problems);
  });

  it('reports a cpu FARGATE cannot read once, not again as a Fargate size', () => {
    const definition = { ...web(), cpu: 'lots', memory: '512' } as TaskDefinition;
    expect(validateDefinition(definition).map((p) => p.path)).toEqual(['cpu']);
  });

  it('knows every Fargate size pair', () => {
    expect(FARGATE_SIZES[1024]).toEqual([2048, 3072, 4096, 5120, 6144, 7168, 8192]);
    expect(FARGATE_SIZES[16384]?.at(-1)).toBe(122880);
  });

  it.each([
    [
      { containerDefinitions: [{ name: 'web', image: 'web app:1' }] },
      "containerDefinitions[0].image: 'web app:1' is not a valid image reference",
    ],
    [
      { executionRoleArn: 'ecsTaskExecutionRole' },
      "executionRoleArn: 'ecsTaskExecutionRole' is not an IAM role ARN",
    ],
    [{ family: 'web app' }, 'family: family must be 1-255 letters'],
    [
      { containerDefinitions: [] },
      'containerDefinitions: the task definition needs at least one container',
    ],
    [
      {
        containerDefinitions: [
          { name: 'a', image: 'x:1' },
          { name: 'a', image: 'y:1' },
        ],
      },
      "containerDefinitions[1].name: container name 'a' is used twice",
    ],
    [{ networkMode: 'bridge' }, "networkMode: FARGATE needs networkMode 'awsvpc'"],
    [
      { memory: undefined, requiresCompatibilities: ['EC2'] },
      'containerDefinitions[0]: a container needs memory or memoryReservation',
    ],
    [
      { containerDefinitions: [{ name: 'a', image: 'x:1', environment: [{ value: 'x' }] }] },
      'containerDefinitions[0].environment[0].name: every variable needs a name',
    ],
  ])('reports %j', (overrides, message) => {
    const problems = validateDefinition({ ...web(), ...overrides }).map(
      (p) => `${p.path}: ${p.message}`,
    );
    expect(problems.some((p) => p.startsWith(message))).toBe(true);
  });
});

describe('normalization for reuse', () => {
  it('treats a definition and what ECS returns for it as the same', () => {
    const file = web();
    const described = {
      ...file,
      taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3',
      revision: 3,
      status: 'ACTIVE',
      compatibilities: ['EC2', 'FARGATE'],
      volumes: [],
      placementConstraints: [],
      containerDefinitions: [
        {
          ...file.containerDefinitions?.[0],
          cpu: 0,
          essential: true,
          mountPoints: [],
          volumesFrom: [],
          systemControls: [],
          portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
        },
      ],
    } as TaskDefinition;
    expect(sameDefinition(file, described)).toBe(true);
  });

  it.each([
    [
      'the image',
      (d: TaskDefinition) => ({
        ...d,
        containerDefinitions: [{ ...d.containerDefinitions?.[0], image: 'registry.example/web:2' }],
      }),
    ],
    [
      'an environment value',
      (d: TaskDefinition) => ({
        ...d,
        containerDefinitions: [
          { ...d.containerDefinitions?.[0], environment: [{ name: 'NODE_ENV', value: 'staging' }] },
        ],
      }),
    ],
    ['the task memory', (d: TaskDefinition) => ({ ...d, memory: '1024' })],
    [
      'a port protocol',
      (d: TaskDefinition) => ({
        ...d,
        containerDefinitions: [
          {
            ...d.containerDefinitions?.[0],
            portMappings: [{ containerPort: 8080, protocol: 'udp' }],
          },
        ],
      }),
    ],
  ])('sees a change of %s', (_, change) => {
    expect(sameDefinition(web(), change(web()) as TaskDefinition)).toBe(false);
  });

  it('ignores the order of environment variables and number-versus-string sizes', () => {
    const a = {
      ...web(),
      cpu: 256,
      containerDefinitions: [
        {
          name: 'web',
          image: 'x:1',
          environment: [
            { name: 'B', value: '2' },
            { name: 'A', value: '1' },
          ],
        },
      ],
    };
    const b = {
      ...web(),
      cpu: '256',
      containerDefinitions: [
        {
          name: 'web',
          image: 'x:1',
          environment: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
          ],
        },
      ],
    };
    expect(sameDefinition(a as TaskDefinition, b as TaskDefinition)).toBe(true);
    expect(normalizeDefinition(a as TaskDefinition)['networkMode']).toBe('awsvpc');
  });
});

describe('diff', () => {
  it('lists container, image, env name and size changes; secret values never', () => {
    const before = fromDescribeOutput(fixture('describe-output.json'), 'f').definition;
    const after = applyChanges(before, {
      containers: [
        {
          name: 'web',
          image: 'registry.example/web:2',
          environment: { FEATURE_X: 'on' },
          removeEnvironment: ['LOG_LEVEL'],
          secrets: { DATABASE_URL: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:new-XyZ' },
        },
      ],
      memory: '1024',
    });
    const entries = diffDefinitions(before, after);
    expect(entries).toEqual([
      { field: 'memory', before: '512', after: '1024' },
      {
        container: 'web',
        field: 'image',
        before: before.containerDefinitions?.[0]?.image,
        after: 'registry.example/web:2',
      },
      { container: 'web', field: 'environment FEATURE_X', after: 'added' },
      { container: 'web', field: 'environment LOG_LEVEL', before: 'removed' },
      { container: 'web', field: 'secrets DATABASE_URL', after: 'changed' },
    ]);
    expect(JSON.stringify(entries)).not.toContain('secretsmanager');
    expect(diffDefinitions(undefined, after)).toContainEqual({
      container: 'web',
      field: 'container',
      after: 'added',
    });
  });
});
