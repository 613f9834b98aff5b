import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  PutImageCommand,
} from '@aws-sdk/client-ecr';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { TestbedControl } from '../../testbed/client.ts';
import { sdkConfig } from '../../support/aws-env.js';
import { docker, imageContext } from '../../support/docker.js';
import { uniqueName } from '../../support/ecs-fixtures.js';

const control = new TestbedControl(inject('awsEndpoint'));
const ecr = new ECRClient(sdkConfig());
const dockerHost = inject('dockerHost') ?? '';
const config = mkdtempSync(join(tmpdir(), 'docker-config-'));
let proxyEndpoint = '';
let password = '';

async function login(): Promise<void> {
  const auth = (await ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0];
  proxyEndpoint = auth?.proxyEndpoint ?? '';
  password =
    Buffer.from(auth?.authorizationToken ?? '', 'base64')
      .toString()
      .split(':')[1] ?? '';
  const result = await docker(['login', '--username', 'AWS', '--password-stdin', proxyEndpoint], {
    host: dockerHost,
    config,
    input: password,
  });
  expect(result.code, result.stderr).toBe(0);
}

async function buildAndPush(
  uri: string,
  message: string,
): Promise<{ code: number; output: string }> {
  const build = await docker(['build', '--network', 'none', '-t', uri, imageContext(message)], {
    host: dockerHost,
    config,
  });
  expect(build.code, build.stderr).toBe(0);
  const push = await docker(['push', uri], { host: dockerHost, config });
  return { code: push.code, output: push.stdout + push.stderr };
}

describe.runIf(inject('testbed') && inject('dockerHost') !== null && inject('registry') !== null)(
  'test bed registry (docker-registry behind an ECR proxy), with the real Docker CLI',
  () => {
    beforeAll(login);

    it('gives repositories and the login endpoint on the local registry, and records what is pushed', async () => {
      const name = uniqueName('app');
      const repository = (await ecr.send(new CreateRepositoryCommand({ repositoryName: name })))
        .repository;
      expect(repository?.repositoryUri).toBe(`${inject('registry')?.['eu-west-1'] ?? ''}/${name}`);
      expect(proxyEndpoint).toBe(`http://${inject('registry')?.['eu-west-1'] ?? ''}`);
      const mark = await control.mark();
      const pushed = await buildAndPush(`${repository?.repositoryUri ?? ''}:v1`, 'one');
      expect(pushed.code, pushed.output).toBe(0);
      const digest = /digest: (sha256:[0-9a-f]{64})/.exec(pushed.output)?.[1];
      const images =
        (await ecr.send(new DescribeImagesCommand({ repositoryName: name }))).imageDetails ?? [];
      expect(images.map((i) => [i.imageTags, i.imageDigest])).toEqual([[['v1'], digest]]);
      expect(images[0]?.imageSizeInBytes).toBeGreaterThan(100_000);
      expect(images[0]?.imagePushedAt).toBeInstanceOf(Date);
      const writes = (await control.journal(mark)).filter((e) => e.kind === 'registry');
      expect(
        writes.some(
          (w) =>
            w['method'] === 'PUT' &&
            w['part'] === 'manifests' &&
            w['reference'] === 'v1' &&
            w.status === 201,
        ),
      ).toBe(true);
    });

    it('refuses to move a tag in an IMMUTABLE repository with the error ECR gives', async () => {
      const name = uniqueName('immutable');
      const uri = (
        await ecr.send(
          new CreateRepositoryCommand({ repositoryName: name, imageTagMutability: 'IMMUTABLE' }),
        )
      ).repository?.repositoryUri;
      expect((await buildAndPush(`${uri ?? ''}:release`, 'first')).code).toBe(0);
      const again = await buildAndPush(`${uri ?? ''}:release`, 'second');
      expect(again.code).not.toBe(0);
      expect(again.output).toContain(
        `The image tag 'release' already exists in the '${name}' repository and cannot be overwritten because the repository is immutable.`,
      );
      const images =
        (await ecr.send(new DescribeImagesCommand({ repositoryName: name }))).imageDetails ?? [];
      expect(images).toHaveLength(1);
    });

    it('refuses pushes to a repository that does not exist, and requests without a valid token', async () => {
      const registry = inject('registry')?.['eu-west-1'] ?? '';
      const missing = await buildAndPush(`${registry}/${uniqueName('nowhere')}:v1`, 'x');
      expect(missing.code).not.toBe(0);
      expect(missing.output).toMatch(
        /does not exist in the registry with id '123456789012'|name unknown/,
      );
      const anonymous = await fetch(`http://${registry}/v2/`);
      expect(anonymous.status).toBe(401);
      const forged = await fetch(`http://${registry}/v2/`, {
        headers: { authorization: `Basic ${Buffer.from('AWS:not-a-token').toString('base64')}` },
      });
      expect(forged.status).toBe(401);
      const valid = await fetch(`http://${registry}/v2/`, {
        headers: { authorization: `Basic ${Buffer.from(`AWS:${password}`).toString('base64')}` },
      });
      expect(valid.status).toBe(200);
    });

    it('promotes an image with BatchGetImage and PutImage, and the registry serves the new tag', async () => {
      const name = uniqueName('promote');
      const uri =
        (await ecr.send(new CreateRepositoryCommand({ repositoryName: name }))).repository
          ?.repositoryUri ?? '';
      expect((await buildAndPush(`${uri}:build-42`, 'promote')).code).toBe(0);
      const image = (
        await ecr.send(
          new BatchGetImageCommand({ repositoryName: name, imageIds: [{ imageTag: 'build-42' }] }),
        )
      ).images?.[0];
      await ecr.send(
        new PutImageCommand({
          repositoryName: name,
          imageTag: 'production',
          imageManifest: image?.imageManifest ?? '',
          ...(image?.imageManifestMediaType === undefined
            ? {}
            : { imageManifestMediaType: image.imageManifestMediaType }),
        }),
      );
      const images =
        (await ecr.send(new DescribeImagesCommand({ repositoryName: name }))).imageDetails ?? [];
      expect(images.map((i) => [...(i.imageTags ?? [])].sort())).toEqual([
        ['build-42', 'production'],
      ]);
      const served = await fetch(
        `http://${inject('registry')?.['eu-west-1'] ?? ''}/v2/${name}/manifests/production`,
        {
          method: 'HEAD',
          headers: {
            authorization: `Basic ${Buffer.from(`AWS:${password}`).toString('base64')}`,
            accept:
              image?.imageManifestMediaType ??
              'application/vnd.docker.distribution.manifest.v2+json',
          },
        },
      );
      expect(served.status).toBe(200);
      expect(served.headers.get('docker-content-digest')).toBe(image?.imageId?.imageDigest);
    });
  },
);
