import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/actions/ecs-run-task/inputs.js';
import { planRunTask } from '../../../src/actions/ecs-run-task/plan.js';

describe('ecs-run-task command input', () => {
  it.each([
    ['npm run migrate', ['npm', 'run', 'migrate']],
    ['  npm   run  migrate ', ['npm', 'run', 'migrate']],
    [`sh -c "echo 'a b'; exit 3"`, ['sh', '-c', "echo 'a b'; exit 3"]],
    [`run --name '' x`, ['run', '--name', '', 'x']],
    ['["npm", "run", "migrate -- --to 42"]', ['npm', 'run', 'migrate -- --to 42']],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
  it.each([
    ['["npm", 3]', /not a JSON list of strings/],
    ['[npm run', /not a JSON list of strings/],
    [`echo "unclosed`, /unclosed " quote/],
  ])('refuses %s', (text, message) => {
    expect(() => parseCommand(text)).toThrow(message);
  });
});

describe('ecs-run-task plan', () => {
  const taskDefinition = {
    taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/migrate:4',
    status: 'ACTIVE',
    networkMode: 'awsvpc',
    taskRoleArn: 'arn:aws:iam::123456789012:role/migrate',
    containerDefinitions: [
      { name: 'sidecar', essential: false },
      { name: 'migrate', essential: true },
    ],
  } as const;
  const inputs = {
    region: 'eu-west-1',
    cluster: 'prod',
    taskDefinition: 'migrate:4',
    container: undefined,
    command: ['npm', 'run', 'migrate'],
    environment: new Map([['TO', '42']]),
    launchType: 'FARGATE' as const,
    subnets: ['subnet-0a1b2c3d'],
    securityGroups: [],
    assignPublicIp: false,
    networkFromService: undefined,
    startedBy: 'ecs-delivery',
    wait: true,
    timeoutMs: 60_000,
    ebsVolume: undefined,
  };
  it('sends the overrides to the first essential container, and passes the task role', () => {
    const plan = planRunTask(
      inputs,
      { ...taskDefinition, containerDefinitions: [...taskDefinition.containerDefinitions] },
      '123456789012',
      undefined,
    );
    expect(plan.overrides).toEqual({
      containerOverrides: [
        {
          name: 'migrate',
          command: ['npm', 'run', 'migrate'],
          environment: [{ name: 'TO', value: '42' }],
        },
      ],
    });
    expect(plan.essential).toEqual(['migrate']);
    expect(plan.networkConfiguration).toEqual({
      awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'], assignPublicIp: 'DISABLED' },
    });
    expect(plan.permissions.map((p) => `${p.action} ${p.resource}`)).toContain(
      'iam:PassRole arn:aws:iam::123456789012:role/migrate',
    );
  });
});
