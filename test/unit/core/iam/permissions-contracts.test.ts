import { describe, expect, it } from 'vitest';
import { taskDefinitionPermissions } from '../../../../src/core/permissions/task-definition.js';

describe('ecs-task-definition permission contract', () => {
  const run = (region: string) =>
    taskDefinitionPermissions({
      region,
      account: '123456789012',
      family: 'web',
      register: true,
      taskRoleArn: undefined,
      executionRoleArn: undefined,
      tags: true,
      keepRevisions: 5,
      protectClusters: ['prod'],
    });

  it.each([
    ['eu-west-1', 'arn:aws:ecs:eu-west-1'],
    ['cn-north-1', 'arn:aws-cn:ecs:cn-north-1'],
    ['us-gov-west-1', 'arn:aws-us-gov:ecs:us-gov-west-1'],
  ])('names resources in %s in its partition (%s)', (region, prefix) => {
    const scoped = run(region)
      .map((p) => [p.resource, ...Object.values(p.context ?? {})])
      .flat(2)
      .filter((r) => r.startsWith('arn:'));
    expect(scoped.length).toBeGreaterThanOrEqual(6);
    for (const arn of scoped) expect(arn.startsWith(`${prefix}:123456789012:`)).toBe(true);
  });
});
