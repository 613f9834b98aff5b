import {
  BatchGetImageCommand,
  ECRClient,
  GetDownloadUrlForLayerCommand,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { imagePlatforms, taskPlatform } from '../../../src/core/ecr/platform.js';

const IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web@sha256:' + 'a'.repeat(64);

describe('the platform a task runs on', () => {
  it.each([
    [undefined, 'linux/amd64'],
    [{ cpuArchitecture: 'ARM64' as const }, 'linux/arm64'],
    [
      { cpuArchitecture: 'X86_64' as const, operatingSystemFamily: 'LINUX' as const },
      'linux/amd64',
    ],
    [{ operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' as const }, 'windows/amd64'],
  ])('%o is %s', (runtime, platform) => {
    expect(taskPlatform(runtime)).toBe(platform);
  });
});

describe('the platforms of an ECR image', () => {
  it('lists an index, leaving out attestation manifests', async () => {
    const ecr = mockClient(ECRClient);
    ecr.on(BatchGetImageCommand).resolves({
      images: [
        {
          imageManifest: JSON.stringify({
            manifests: [
              { platform: { os: 'linux', architecture: 'amd64' } },
              { platform: { os: 'linux', architecture: 'arm64' } },
              { platform: { os: 'unknown', architecture: 'unknown' } },
            ],
          }),
        },
      ],
    });
    expect(await imagePlatforms(ecr, IMAGE)).toEqual({ platforms: ['linux/amd64', 'linux/arm64'] });
  });

  it("reads a single image's config blob through its download URL", async () => {
    const ecr = mockClient(ECRClient);
    ecr.on(BatchGetImageCommand).resolves({
      images: [{ imageManifest: JSON.stringify({ config: { digest: 'sha256:c0' } }) }],
    });
    ecr
      .on(GetDownloadUrlForLayerCommand, { repositoryName: 'web', layerDigest: 'sha256:c0' })
      .resolves({ downloadUrl: 'https://s3.example/config' });
    const result = await imagePlatforms(ecr, IMAGE, (url) =>
      Promise.resolve(
        url === 'https://s3.example/config' ? '{"os":"linux","architecture":"arm64"}' : '',
      ),
    );
    expect(result).toEqual({ platforms: ['linux/arm64'] });
  });

  it('says why it cannot tell, instead of failing', async () => {
    const ecr = mockClient(ECRClient);
    ecr
      .on(BatchGetImageCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    expect(await imagePlatforms(ecr, IMAGE)).toEqual({ platforms: undefined, note: 'denied' });
  });
});
