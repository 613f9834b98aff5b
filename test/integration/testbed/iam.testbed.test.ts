import {
  CreateRepositoryCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
} from '@aws-sdk/client-ecr';
import {
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TestbedControl, setIamEnforcement } from '../../testbed/client.ts';
import { sdkConfig } from '../../support/aws-env.js';
import { ACCOUNT, assumeRoleWith } from '../../support/iam-fixtures.js';
import { createRollingService, uniqueName } from '../../support/ecs-fixtures.js';

const endpoint = inject('awsEndpoint');
const admin = sdkConfig();
const account = ACCOUNT;

/** A role allowed exactly `policy`'s statements, with SDK clients signed as it. */
async function roleClients(policy: { Version?: string; Statement: object[] }) {
  const role = await assumeRoleWith(policy.Statement);
  const config = {
    ...admin,
    credentials: {
      accessKeyId: role.accessKeyId,
      secretAccessKey: role.secretAccessKey,
      sessionToken: role.sessionToken,
    },
  };
  return {
    roleName: role.roleName,
    accessKey: role.accessKeyId,
    ecs: new ECSClient(config),
    ecr: new ECRClient(config),
  };
}

describe.runIf(inject('testbed'))(
  'test bed IAM enforcement (resources, conditions, iam:PassRole)',
  () => {
    const ecsAdmin = new ECSClient(admin);
    let target: Awaited<ReturnType<typeof createRollingService>>;
    let other: Awaited<ReturnType<typeof createRollingService>>;

    beforeAll(async () => {
      target = await createRollingService(ecsAdmin, { desiredCount: 1 });
      other = await createRollingService(ecsAdmin, { desiredCount: 1 });
    });
    afterAll(async () => {
      await setIamEnforcement(endpoint, false);
    });

    it('allows exactly what the role allows, on the resources and conditions it names (decided by @cloud-copilot/iam-simulate, cross-checked by tb_iam.py)', async () => {
      const control = new TestbedControl(endpoint);
      expect((await control.status()).iamDecisions).toBe('@cloud-copilot/iam-simulate');
      const mark = await control.mark();
      const taskRole = `arn:aws:iam::${account}:role/app-task`;
      const { ecs, accessKey } = await roleClients({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'ecs:UpdateService',
            Resource: `arn:aws:ecs:eu-west-1:${account}:service/${target.cluster}/${target.service}`,
          },
          { Effect: 'Allow', Action: 'ecs:RegisterTaskDefinition', Resource: '*' },
          {
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: taskRole,
            Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
          },
          {
            Effect: 'Deny',
            Action: 'ecs:UpdateService',
            Resource: '*',
            Condition: { StringLike: { 'ecs:cluster': '*forbidden*' } },
          },
        ],
      });
      await setIamEnforcement(endpoint, true, [accessKey]);

      await ecs.send(
        new UpdateServiceCommand({
          cluster: target.cluster,
          service: target.service,
          forceNewDeployment: true,
        }),
      );
      await expect(
        ecs.send(
          new UpdateServiceCommand({
            cluster: other.cluster,
            service: other.service,
            forceNewDeployment: true,
          }),
        ),
      ).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringMatching(
          new RegExp(
            `is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:eu-west-1:${account}:service/${other.cluster}/web because no identity-based policy allows`,
          ),
        ),
      });

      const definition = {
        family: uniqueName('iam'),
        containerDefinitions: [{ name: 'web', image: 'registry.example/web:1', memory: 128 }],
      };
      await ecs.send(new RegisterTaskDefinitionCommand({ ...definition, taskRoleArn: taskRole }));
      await expect(
        ecs.send(
          new RegisterTaskDefinitionCommand({
            ...definition,
            executionRoleArn: `arn:aws:iam::${account}:role/other`,
          }),
        ),
      ).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining(
          `iam:PassRole on resource: arn:aws:iam::${account}:role/other`,
        ),
      });
      // Both evaluators decided every request, and agreed.
      const entries = await control.journal(mark);
      expect(
        entries
          .filter(
            (e) => e.kind === 'iam-denied' && e['caller']?.toString().includes('assumed-role'),
          )
          .map((e) => e['action']),
      ).toEqual(expect.arrayContaining(['ecs:UpdateService', 'iam:PassRole']));
      expect(
        entries.filter((e) => e.kind === 'iam-oracle-error' || e.kind === 'iam-disagreement'),
      ).toEqual([]);
    });

    it('checks registry pushes and pulls as the ECR actions they are', async () => {
      const repositoryName = uniqueName('iam-repo');
      await new ECRClient(admin).send(new CreateRepositoryCommand({ repositoryName }));
      const { ecr, accessKey } = await roleClients({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }],
      });
      await setIamEnforcement(endpoint, true, [accessKey]);
      const auth = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
      const response = await fetch(
        `${auth?.proxyEndpoint ?? ''}/v2/${repositoryName}/manifests/latest`,
        {
          headers: { authorization: `Basic ${auth?.authorizationToken ?? ''}` },
        },
      );
      expect(response.status).toBe(403);
      expect(await response.text()).toContain(
        `ecr:BatchGetImage on resource: arn:aws:ecr:eu-west-1:${account}:repository/${repositoryName}`,
      );
    });
  },
);
