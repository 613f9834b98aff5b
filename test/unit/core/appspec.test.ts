import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appSpecWithTaskDefinition } from '../../../src/core/deploy/codedeploy.js';

describe('an AppSpec from a file', () => {
  it('gets the deployed task definition in place of its placeholder and keeps its hooks', () => {
    const document = {
      version: 0,
      Resources: [
        {
          TargetService: {
            Type: 'AWS::ECS::Service',
            Properties: {
              TaskDefinition: '<TASK_DEFINITION>',
              LoadBalancerInfo: { ContainerName: 'web', ContainerPort: 8080 },
              PlatformVersion: '1.4.0',
            },
          },
        },
      ],
      Hooks: [{ BeforeAllowTraffic: 'arn:aws:lambda:eu-west-1:123456789012:function:smoke' }],
    };
    const { content, sha256 } = appSpecWithTaskDefinition(document, 'arn:td:7');
    const parsed = JSON.parse(content) as typeof document;
    expect(parsed.Resources[0]?.TargetService.Properties.TaskDefinition).toBe('arn:td:7');
    expect(parsed.Resources[0]?.TargetService.Properties.PlatformVersion).toBe('1.4.0');
    expect(parsed.Hooks).toEqual(document.Hooks);
    expect(sha256).toBe(createHash('sha256').update(content).digest('hex'));
    // The file's own document is left as it was.
    expect(document.Resources[0]?.TargetService.Properties.TaskDefinition).toBe(
      '<TASK_DEFINITION>',
    );
  });
});
