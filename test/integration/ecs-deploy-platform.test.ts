import { ECRClient } from '@aws-sdk/client-ecr';
import {
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../testbed/client.ts';
import { sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { runDeploy } from '../support/deploy-run.js';
import { createRollingService } from '../support/ecs-fixtures.js';
import { jobSetup } from '../support/job-image.js';

const endpoint = inject('awsEndpoint');
const control = new TestbedControl(endpoint);
const ecs = new ECSClient(sdkConfig());
const ecr = new ECRClient(sdkConfig());

describe.runIf(inject('testbed') && inject('dockerHost') !== null && inject('registry') !== null)(
  "actions/ecs-deploy checks the image's platform against the task's runtimePlatform (test bed ECR, a linux/amd64 busybox image)",
  () => {
    it('refuses an amd64 image for an ARM64 task before any write, and deploys it to an X86_64 one', async () => {
      const job = await jobSetup({ ecr, ecs }, endpoint, inject('dockerHost') ?? '');
      const image =
        (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: job.taskDefinition })))
          .taskDefinition?.containerDefinitions?.[0]?.image ?? '';
      const target = await createRollingService(ecs, { desiredCount: 1 });
      const register = async (cpuArchitecture: 'ARM64' | 'X86_64') =>
        (
          await ecs.send(
            new RegisterTaskDefinitionCommand({
              family: target.family,
              networkMode: 'awsvpc',
              requiresCompatibilities: ['FARGATE'],
              cpu: '256',
              memory: '512',
              runtimePlatform: { cpuArchitecture, operatingSystemFamily: 'LINUX' },
              containerDefinitions: [{ name: 'web', image, essential: true }],
            }),
          )
        ).taskDefinition?.taskDefinitionArn ?? '';

      const arm = await register('ARM64');
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const refused = await runDeploy(
        { cluster: target.cluster, service: target.service, 'task-definition': arm },
        accessKey,
      );
      expect(refused.failures[0]).toContain(
        `Image ${image} is built for linux/amd64, but ${arm} runs on linux/arm64`,
      );
      expect(refused.failures[0]).toContain('Build for linux/arm64');
      expect(await control.writes(mark, accessKey)).toEqual([]);

      const x86 = await register('X86_64');
      const deployed = await runDeploy({
        cluster: target.cluster,
        service: target.service,
        'task-definition': x86,
      });
      expect(deployed.failures).toEqual([]);
      expect(deployed.logger.text()).not.toContain('Could not read the platform');
    });
  },
);
