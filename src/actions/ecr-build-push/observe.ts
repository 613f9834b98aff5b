// Observe: the AWS reads ecr-build-push needs, then its pure plan (plan.ts).
import {
  BatchGetImageCommand,
  DescribeRepositoriesCommand,
  type ECRClient,
} from '@aws-sdk/client-ecr';
import { ConfigurationError } from '../../core/action/errors.js';
import { awsErrorCode } from '../../core/action/errors.js';
import { type BuildPushInputs, type TargetInput } from './inputs.js';
import { type BuildPushPlan, type ObservedTarget, planBuildPush } from './plan.js';
import type { ExistingImage } from './execute.js';

export async function observeAndPlan(
  inputs: BuildPushInputs,
  ecrFor: EcrFor,
): Promise<BuildPushPlan> {
  const plan = planBuildPush(inputs, await observeTargets(inputs.targets, ecrFor));
  if (plan.promoteFrom !== undefined) {
    const [target] = plan.targets;
    const source = await sourceImage(ecrFor(target?.region ?? ''), target, plan.promoteFrom);
    if (source === undefined) {
      throw new ConfigurationError(
        `Cannot promote '${plan.promoteFrom}': no such image in ${target?.repository ?? ''} (${target?.region ?? ''}).`,
        {
          input: 'promote-from',
        },
      );
    }
  }
  return plan;
}

export type EcrFor = (region: string) => Pick<ECRClient, 'send'>;

export async function observeTargets(
  targets: TargetInput[],
  ecrFor: EcrFor,
): Promise<ObservedTarget[]> {
  const observed: ObservedTarget[] = [];
  for (const target of targets) {
    try {
      const response = await ecrFor(target.region).send(
        new DescribeRepositoriesCommand({
          repositoryNames: [target.repository],
          ...(target.registryId === undefined ? {} : { registryId: target.registryId }),
        }),
      );
      const repository = response.repositories?.[0];
      observed.push({
        ...target,
        registryId: repository?.registryId ?? target.registryId,
        exists: true,
        repositoryUri: repository?.repositoryUri,
        repositoryArn: repository?.repositoryArn,
        mutability:
          repository?.imageTagMutability?.startsWith('IMMUTABLE') === true
            ? 'IMMUTABLE'
            : 'MUTABLE',
      });
    } catch (error) {
      if (awsErrorCode(error) !== 'RepositoryNotFoundException') throw error;
      observed.push({
        ...target,
        exists: false,
        repositoryUri: undefined,
        repositoryArn: undefined,
        mutability: undefined,
      });
    }
  }
  return observed;
}

export async function sourceImage(
  ecr: Pick<ECRClient, 'send'>,
  target: ObservedTarget | undefined,
  reference: string,
): Promise<ExistingImage | undefined> {
  if (target === undefined) return undefined;
  const imageId = reference.startsWith('sha256:')
    ? { imageDigest: reference }
    : { imageTag: reference };
  const response = await ecr.send(
    new BatchGetImageCommand({
      repositoryName: target.repository,
      imageIds: [imageId],
      ...(target.registryId === undefined ? {} : { registryId: target.registryId }),
      acceptedMediaTypes: [
        'application/vnd.docker.distribution.manifest.v2+json',
        'application/vnd.docker.distribution.manifest.list.v2+json',
        'application/vnd.oci.image.manifest.v1+json',
        'application/vnd.oci.image.index.v1+json',
      ],
    }),
  );
  const image = response.images?.[0];
  if (image?.imageManifest === undefined || image.imageId?.imageDigest === undefined)
    return undefined;
  return {
    digest: image.imageId.imageDigest,
    manifest: image.imageManifest,
    mediaType: image.imageManifestMediaType,
  };
}
