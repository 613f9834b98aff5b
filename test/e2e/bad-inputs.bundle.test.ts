import { afterAll, describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../testbed/client.ts';
import { emulatorEnv, uniqueAccessKey } from '../support/aws-env.js';
import { runBundle } from '../support/bundle.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);

/** [action, inputs, the input the error must name]. Every case is wrong before any AWS write. */
const CASES: [string, Record<string, string>, string][] = [
  ['aws-identity', { 'expected-account-id': '12345' }, 'expected-account-id'],
  ['aws-identity', { 'allowed-principals': '[1, 2]' }, 'allowed-principals'],
  ['aws-identity', { 'fail-on-root': 'maybe' }, 'fail-on-root'],
  ['ecr-build-push', {}, 'repository'],
  ['ecr-build-push', { repository: 'Shop Web!' }, 'repository'],
  ['ecr-build-push', { repository: 'web', 'keep-images': '-1' }, 'keep-images'],
  ['ecr-build-push', { repository: 'web', 'tag-mutability': 'SOMETIMES' }, 'tag-mutability'],
  [
    'ecr-build-push',
    { repository: 'web', dockerfile: 'package.json', 'build-args': 'NO_EQUALS_SIGN' },
    'build-args',
  ],
  [
    'ecr-build-push',
    { repository: 'web', 'additional-targets': '{not: [a list' },
    'additional-targets',
  ],
  [
    'ecr-build-push',
    { repository: 'web', 'additional-targets': '[{region: 12}]' },
    'additional-targets',
  ],
  ['ecr-build-push', { repository: 'web', push: 'yes please' }, 'push'],
  ['ecr-build-push', { repository: 'web', 'aws-region': 'mars-north-1x' }, 'aws-region'],
  ['ecs-task-definition', {}, 'task-definition'],
  ['ecs-task-definition', { 'task-definition': 'no/such/file.json' }, 'task-definition'],
  ['ecs-task-definition', { 'task-definition-arn': 'arn:aws:nope' }, 'task-definition-arn'],
  [
    'ecs-task-definition',
    { 'task-definition-family': 'web', 'container-cpu': 'lots' },
    'container-cpu',
  ],
  [
    'ecs-task-definition',
    { 'task-definition-family': 'web', 'environment-variables': 'NOEQ' },
    'environment-variables',
  ],
  [
    'ecs-task-definition',
    { 'task-definition-family': 'web', containers: 'not yaml: [' },
    'containers',
  ],
  [
    'ecs-task-definition',
    { 'task-definition-family': 'web', 'log-configuration': '{"logDriver": ' },
    'log-configuration',
  ],
  [
    'ecs-task-definition',
    { 'task-definition-family': 'web', 'keep-revisions': 'x' },
    'keep-revisions',
  ],
  ['ecs-task-definition', { 'task-definition-family': 'web', command: '"not a list"' }, 'command'],
  ['ecs-deploy', { 'task-definition': 'web:1' }, 'service'],
  ['ecs-deploy', { service: 'web', 'task-definition': 'not an arn' }, 'task-definition'],
  ['ecs-deploy', { service: 'web', 'task-definition': 'web:1', strategy: 'bluegreen' }, 'strategy'],
  [
    'ecs-deploy',
    { service: 'web', 'task-definition': 'web:1', 'wait-until': 'never' },
    'wait-until',
  ],
  ['ecs-deploy', { service: 'web', 'task-definition': 'web:1', timeout: 'forever' }, 'timeout'],
  [
    'ecs-deploy',
    { service: 'web', 'task-definition': 'web:1', 'desired-count': '-1' },
    'desired-count',
  ],
  [
    'ecs-deploy',
    {
      service: 'web',
      'task-definition': 'web:1',
      'traffic-percentage': '150',
      'traffic-interval': '1',
    },
    'traffic-percentage',
  ],
  [
    'ecs-deploy',
    { service: 'web', 'task-definition': 'web:1', 'traffic-percentage': '10' },
    'traffic-interval',
  ],
  ['ecs-deploy', { service: 'web', 'continue-deployment-id': 'd-1' }, 'continue-deployment-id'],
  [
    'ecs-deploy',
    { service: 'web', 'task-definition': 'web:1', 'on-failure': 'ignore' },
    'on-failure',
  ],
  [
    'ecs-deploy',
    { service: 'web', 'task-definition': 'web:1', analysis: 'not: [valid' },
    'analysis',
  ],
  [
    'ecs-deploy',
    { service: 'web', 'task-definition': 'web:1', analysis: '[{name: errors}]' },
    'analysis',
  ],
  [
    'ecs-deploy',
    { service: 'web', 'task-definition': 'web:1', 'analysis-interval': '1s' },
    'analysis-interval',
  ],
  [
    'ecs-deploy',
    { service: 'web', 'task-definition': 'web:1', appspec: 'missing.yaml' },
    'appspec',
  ],
  [
    'ecs-deploy',
    {
      service: 'web',
      'task-definition': 'web:1',
      'deployment-config': 'X',
      'traffic-percentage': '10',
      'traffic-interval': '1',
    },
    'deployment-config',
  ],
  [
    'ecs-deploy',
    { service: 'web', 'task-definition': 'web:1', 'iam-preflight': 'strict' },
    'iam-preflight',
  ],
  ['iam-check', { run: '{deploy: {service: web}}' }, 'run'],
  ['iam-check', { run: 'not yaml: [' }, 'run'],
  ['iam-check', { permissions: '[{action: "not an action", resource: "*"}]' }, 'permissions'],
  ['iam-check', { run: 'account: "123456789012"', severity: 'fatal' }, 'severity'],
  ['iam-check', { run: 'account: "123456789012"', mode: 'strict' }, 'mode'],
  ['iam-check', { 'policy-files': 'missing-policy.json' }, 'policy-files'],
  ['ecs-rollback', {}, 'service'],
  ['ecs-rollback', { service: 'web', to: 'latest' }, 'to'],
  ['ecs-rollback', { service: 'web', wait: 'sometimes' }, 'wait'],
  ['ecs-rollback', { service: 'web', timeout: '1s' }, 'timeout'],
  ['ecs-run-task', {}, 'task-definition'],
  ['ecs-run-task', { 'task-definition': 'bad arn!' }, 'task-definition'],
  ['ecs-run-task', { 'task-definition': 'migrate:1', command: '["npm", 1]' }, 'command'],
  ['ecs-run-task', { 'task-definition': 'migrate:1', subnets: 'subnet-xyz' }, 'subnets'],
  [
    'ecs-run-task',
    { 'task-definition': 'migrate:1', 'security-groups': 'sg-nope' },
    'security-groups',
  ],
  ['ecs-run-task', { 'task-definition': 'migrate:1', 'launch-type': 'LAMBDA' }, 'launch-type'],
  ['ecs-run-task', { 'task-definition': 'migrate:1', timeout: '5s' }, 'timeout'],
  ['ecs-run-task', { 'task-definition': 'migrate:1', environment: 'NOEQ' }, 'environment'],
  [
    'ecs-run-task',
    { 'task-definition': 'migrate:1', subnets: 'subnet-0a1b2c3d', 'network-from-service': 'web' },
    'network-from-service',
  ],
];

let passed = 0;

describe.runIf(inject('testbed'))(
  `bad inputs through the bundles (${CASES.length} cases): exit 1, one error line naming the input, no write in the test bed's journal`,
  () => {
    afterAll(() => {
      console.log(`bad-input matrix: ${CASES.length} cases tried, ${passed} passed`);
    });

    it.concurrent.each(CASES)('%s %o names %s', async (action, inputs, input) => {
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const run = await runBundle(action, { env: emulatorEnv(endpoint, accessKey), inputs });
      expect(run.exitCode).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).not.toContain('\n');
      expect(run.errors[0]).toContain(input);
      expect(await control.writes(mark, accessKey)).toEqual([]);
      passed += 1;
    });
  },
);
