import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { sdkConfig } from './aws-env.js';
import { uniqueName } from './ecs-fixtures.js';

export const ACCOUNT = '123456789012';

export interface RoleCredentials {
  roleName: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** The same credentials as the environment an action reads. */
  env: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string; AWS_SESSION_TOKEN: string };
}

/**
 * A role with one inline policy (the statements given), assumed: the credentials a workflow gets
 * from configure-aws-credentials. Created with the test's admin credentials.
 */
export async function assumeRoleWith(
  statements: object[],
  prefix = 'deployer',
  admin: ReturnType<typeof sdkConfig> = sdkConfig(),
  roleName = uniqueName(prefix),
): Promise<RoleCredentials> {
  const iam = new IAMClient(admin);
  await iam.send(
    new CreateRoleCommand({
      RoleName: roleName,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: roleName,
      PolicyName: 'deploy',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    }),
  );
  const credentials = (
    await new STSClient(admin).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/${roleName}`,
        RoleSessionName: 'gha',
      }),
    )
  ).Credentials;
  const accessKeyId = credentials?.AccessKeyId ?? '';
  const secretAccessKey = credentials?.SecretAccessKey ?? '';
  const sessionToken = credentials?.SessionToken ?? '';
  return {
    roleName,
    accessKeyId,
    secretAccessKey,
    sessionToken,
    env: {
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_SESSION_TOKEN: sessionToken,
    },
  };
}
