import {
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  type ECRClient,
} from '@aws-sdk/client-ecr';
import { awsErrorCode } from '../action/errors.js';
import { parseImageReference } from './image-reference.js';

export interface ImageCheck {
  image: string;
  repository: string;
  /** true: in ECR; false: its ECR repository lacks it; undefined: not an ECR image of this region. */
  found: boolean | undefined;
}

/** The ECR repository name an image would live in (used for the permission contract too). */
export function repositoryOf(image: string): string {
  return parseImageReference(image).repository;
}

/**
 * Checks that each image exists in ECR (by digest when pinned, else by tag), for images whose
 * repository exists in this region with the same URI; other images are not ECR's and are left alone.
 */
export async function checkImages(
  ecr: Pick<ECRClient, 'send'>,
  images: string[],
): Promise<ImageCheck[]> {
  const checks: ImageCheck[] = [];
  for (const image of [...new Set(images)]) {
    const reference = parseImageReference(image);
    let uri: string | undefined;
    try {
      const found = await ecr.send(
        new DescribeRepositoriesCommand({ repositoryNames: [reference.repository] }),
      );
      uri = found.repositories?.[0]?.repositoryUri;
    } catch (error) {
      if (awsErrorCode(error) !== 'RepositoryNotFoundException') throw error;
    }
    if (uri === undefined || uri !== `${reference.registry ?? ''}/${reference.repository}`) {
      checks.push({ image, repository: reference.repository, found: undefined });
      continue;
    }
    try {
      await ecr.send(
        new DescribeImagesCommand({
          repositoryName: reference.repository,
          imageIds: [
            reference.digest === undefined
              ? { imageTag: reference.tag ?? 'latest' }
              : { imageDigest: reference.digest },
          ],
        }),
      );
      checks.push({ image, repository: reference.repository, found: true });
    } catch (error) {
      if (awsErrorCode(error) !== 'ImageNotFoundException') throw error;
      checks.push({ image, repository: reference.repository, found: false });
    }
  }
  return checks;
}
