import { describe, expect, it } from 'vitest';
import {
  ConsoleLinks,
  consoleBase,
  ecrImageLink,
  githubDeploymentsLink,
  mdLink,
  partitionOf,
} from '../../../src/core/report/links.js';

describe('console links for the partition and region a step ran in', () => {
  it.each([
    ['eu-west-1', 'aws', 'https://eu-west-1.console.aws.amazon.com'],
    ['us-east-1', 'aws', 'https://us-east-1.console.aws.amazon.com'],
    ['cn-north-1', 'aws-cn', 'https://console.amazonaws.cn'],
    ['cn-northwest-1', 'aws-cn', 'https://console.amazonaws.cn'],
    ['us-gov-west-1', 'aws-us-gov', 'https://console.amazonaws-us-gov.com'],
  ])('%s is in %s, whose console is %s', (region, partition, base) => {
    expect(partitionOf(region)).toBe(partition);
    expect(consoleBase(region)).toBe(base);
    // Every link stays in that console and names the region.
    const links = new ConsoleLinks(region);
    for (const url of [
      links.service('prod', 'web'),
      links.taskDefinition('web:7'),
      links.codeDeployDeployment('d-ABCDEFGHI'),
      links.logGroup('/ecs/web'),
      links.image('123456789012', 'team/web', 'sha256:abc'),
    ]) {
      expect(url.startsWith(`${base}/`)).toBe(true);
      expect(url).toContain(`region=${region}`);
    }
  });

  const links = new ConsoleLinks('eu-west-1');
  it.each([
    [
      'a service, from names or ARNs',
      links.service(
        'arn:aws:ecs:eu-west-1:123456789012:cluster/prod',
        'arn:aws:ecs:eu-west-1:123456789012:service/prod/web',
      ),
      'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/web/health?region=eu-west-1',
    ],
    [
      "a service's deployments",
      links.serviceDeployments('prod', 'web'),
      'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/web/deployments?region=eu-west-1',
    ],
    [
      'a task definition revision from its ARN',
      links.taskDefinition('arn:aws:ecs:eu-west-1:123456789012:task-definition/web:12'),
      'https://eu-west-1.console.aws.amazon.com/ecs/v2/task-definitions/web/12/containers?region=eu-west-1',
    ],
    [
      'a CodeDeploy deployment',
      links.codeDeployDeployment('d-ABCDEFGHI'),
      'https://eu-west-1.console.aws.amazon.com/codesuite/codedeploy/deployments/d-ABCDEFGHI?region=eu-west-1',
    ],
    [
      "a log group (the console's $252F escaping)",
      links.logGroup('/ecs/web'),
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fecs$252Fweb',
    ],
    [
      "a crashed container's log stream",
      links.logGroup('/ecs/web', 'app/web/0123abcd'),
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fecs$252Fweb/log-events/app$252Fweb$252F0123abcd',
    ],
    [
      'an ECR image by digest, in a namespaced repository',
      links.image('123456789012', 'team/web', 'sha256:0123'),
      'https://eu-west-1.console.aws.amazon.com/ecr/repositories/private/123456789012/team/web/_/image/sha256%3A0123/details?region=eu-west-1',
    ],
  ])('%s', (_what, url, expected) => {
    expect(url).toBe(expected);
  });

  it('links an ECR image named by digest, in its own region; not a tag or another registry', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(
      ecrImageLink(`123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/team/web@${digest}`),
    ).toBe(
      `https://console.amazonaws.cn/ecr/repositories/private/123456789012/team/web/_/image/sha256%3A${'a'.repeat(64)}/details?region=cn-north-1`,
    );
    expect(ecrImageLink('123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:latest')).toBeUndefined();
    expect(ecrImageLink(`docker.io/library/nginx@${digest}`)).toBeUndefined();
  });

  it('links the GitHub environment when the run names its repository', () => {
    expect(
      githubDeploymentsLink(
        { GITHUB_SERVER_URL: 'https://github.example.com', GITHUB_REPOSITORY: 'acme/shop' },
        'production',
      ),
    ).toBe('https://github.example.com/acme/shop/deployments/production');
    expect(githubDeploymentsLink({}, 'production')).toBeUndefined();
    expect(mdLink('web:7', undefined)).toBe('web:7');
    expect(mdLink('a [b]', 'https://x')).toBe('[a \\[b\\]](https://x)');
  });
});
