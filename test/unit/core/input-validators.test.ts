// The build-time validators of the steps' structured inputs (scripts/gen-validators.mjs) judge as
// ajv compiling the schemas at start did: same verdicts, same errors, for every schema.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import * as awsIdentity from '../../../src/actions/aws-identity/schemas.js';
import * as awsIdentityValidators from '../../../src/actions/aws-identity/schemas.validate.js';
import * as ecrBuildPush from '../../../src/actions/ecr-build-push/schemas.js';
import * as ecrBuildPushValidators from '../../../src/actions/ecr-build-push/schemas.validate.js';
import * as ecsDeploy from '../../../src/actions/ecs-deploy/schemas.js';
import * as ecsDeployValidators from '../../../src/actions/ecs-deploy/schemas.validate.js';
import * as taskDefinition from '../../../src/actions/ecs-task-definition/schemas.js';
import * as taskDefinitionValidators from '../../../src/actions/ecs-task-definition/schemas.validate.js';
import * as iamCheck from '../../../src/actions/iam-check/run-schema.js';
import * as iamCheckValidators from '../../../src/actions/iam-check/run-schema.validate.js';
import * as ebs from '../../../src/core/taskdef/ebs-schema.js';
import * as ebsValidators from '../../../src/core/taskdef/ebs-schema.validate.js';

type Validator = ((data: unknown) => boolean) & { errors?: unknown };
const ajv = () =>
  new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, useDefaults: true });

/** [validator, its schema, documents: some good, some bad in each way the schema refuses] */
const CASES: [string, Validator, object, unknown[]][] = [
  [
    'validateRun',
    iamCheckValidators.validateRun,
    iamCheck.RUN_SCHEMA,
    [
      { deploy: { cluster: 'c', service: 'web' } },
      {
        account: '123456789012',
        'build-push': { repository: 'web' },
        'task-definition': { family: 'web' },
        deploy: { cluster: 'c', service: 'web', strategy: 'canary', 'load-balanced': false },
      },
      { account: '12' },
      { deploy: { cluster: 'c', service: 'web', colour: 'blue' } },
      { deploy: { cluster: 'c' } },
      { 'build-push': { repository: 'web', 'keep-images': -1 } },
    ],
  ],
  [
    'validatePermissions',
    iamCheckValidators.validatePermissions,
    iamCheck.PERMISSIONS_SCHEMA,
    [
      [{ action: 'ecs:DescribeServices', resource: '*', context: { 'ecs:cluster': ['a'] } }],
      [{ action: 'not an action', resource: '*' }],
      [{ action: 'ecs:DescribeServices' }],
    ],
  ],
  [
    'validatePrincipalPatterns',
    awsIdentityValidators.validatePrincipalPatterns,
    awsIdentity.PRINCIPAL_PATTERNS_SCHEMA,
    [['arn:aws:iam::123456789012:role/deploy'], [], ['deploy']],
  ],
  [
    'validateTargets',
    ecrBuildPushValidators.validateTargets,
    ecrBuildPush.TARGETS_SCHEMA,
    [
      [{ region: 'eu-west-1', 'registry-id': '123456789012' }],
      [{ region: 'Europe' }],
      [{ repository: 'web' }],
      [{ region: 'eu-west-1', colour: 'blue' }],
    ],
  ],
  [
    'validateMetrics',
    ecsDeployValidators.validateMetrics,
    ecsDeploy.METRIC_SCHEMA,
    [
      [
        {
          name: '5xx',
          namespace: 'AWS/ApplicationELB',
          metric: 'HTTPCode_Target_5XX_Count',
          threshold: 5,
        },
      ],
      [{ name: '', namespace: 'n', metric: 'm', threshold: 'high', period: 5 }],
    ],
  ],
  [
    'validateCapacityProviders',
    ecsDeployValidators.validateCapacityProviders,
    ecsDeploy.CAPACITY_PROVIDER_SCHEMA,
    [[{ capacityProvider: 'FARGATE_SPOT', weight: 3 }], [], [{ weight: 2000 }]],
  ],
  [
    'validateServiceConnect',
    ecsDeployValidators.validateServiceConnect,
    ecsDeploy.SERVICE_CONNECT_SCHEMA,
    [
      { enabled: true, namespace: 'shop', services: [{ portName: 'http' }] },
      { enabled: 'yes' },
      { services: [{}] },
    ],
  ],
  [
    'validateContainers',
    taskDefinitionValidators.validateContainers,
    taskDefinition.CONTAINERS_SCHEMA,
    [
      [{ name: 'web', image: 'web:2', environment: { PORT: 80, DEBUG: false } }],
      [{ name: '' }],
      [{ image: 'web:2', memory: 2 }],
      [{ name: 'web', environment: { A: [] } }],
    ],
  ],
  [
    'validateCommand',
    taskDefinitionValidators.validateCommand,
    taskDefinition.COMMAND_SCHEMA,
    [['node', 'server.js'], [], [1]],
  ],
  [
    'validateLogConfiguration',
    taskDefinitionValidators.validateLogConfiguration,
    taskDefinition.LOG_SCHEMA,
    [{ logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web' } }, { options: {} }],
  ],
  [
    'validateServiceVolume',
    ebsValidators.validateServiceVolume,
    ebs.SERVICE_VOLUME_SCHEMA,
    [
      {
        name: 'data',
        managedEBSVolume: { roleArn: 'arn:aws:iam::123456789012:role/ebs', sizeInGiB: 20 },
      },
      {
        name: 'data',
        managedEBSVolume: {
          roleArn: 'arn:aws:iam::123456789012:role/ebs',
          terminationPolicy: { deleteOnTermination: true },
        },
      },
      { name: 'data', managedEBSVolume: { kmsKeyId: '', sizeInGiB: 0 } },
    ],
  ],
  [
    'validateTaskVolume',
    ebsValidators.validateTaskVolume,
    ebs.TASK_VOLUME_SCHEMA,
    [
      {
        name: 'data',
        managedEBSVolume: {
          roleArn: 'arn:aws:iam::123456789012:role/ebs',
          sizeInGiB: 20,
          terminationPolicy: { deleteOnTermination: true },
        },
      },
      { name: 'bad name!', managedEBSVolume: { roleArn: 'arn:aws:iam::1:role/x' } },
    ],
  ],
];

describe('the precompiled validators judge as ajv compiling their schemas', () => {
  it.each(
    CASES.flatMap(([name, ours, schema, docs]) =>
      docs.map((doc, i) => [name, i, ours, schema, doc] as const),
    ),
  )('%s, document %i', (_name, _i, ours, schema, doc) => {
    const theirs = ajv().compile(schema);
    expect(ours(structuredClone(doc))).toBe(theirs(structuredClone(doc)));
    expect(ours.errors ?? null).toEqual(theirs.errors ?? null);
  });

  it('each case set has good and bad documents', () => {
    for (const [name, , schema, docs] of CASES) {
      const verdicts = docs.map((doc) => ajv().compile(schema)(structuredClone(doc)));
      expect(verdicts, name).toContain(true);
      expect(verdicts, name).toContain(false);
    }
  });

  it('counts string lengths in code points, as ajv does', () => {
    const theirs = ajv().compile(ebs.SERVICE_VOLUME_SCHEMA);
    const doc = {
      name: 'data',
      managedEBSVolume: { roleArn: 'arn:aws:iam::123456789012:role/ebs', kmsKeyId: '😀' },
    };
    expect(ebsValidators.validateServiceVolume(structuredClone(doc))).toBe(theirs(doc));
  });
});
