import {
  BatchGetImageCommand,
  type ECRClient,
  GetDownloadUrlForLayerCommand,
} from '@aws-sdk/client-ecr';
import type { RuntimePlatform } from '@aws-sdk/client-ecs';
import { errorMessage } from '../action/errors.js';
import { parseImageReference } from './image-reference.js';

type Ecr = Pick<ECRClient, 'send'>;

/** `os/architecture` as image configs and indexes name them, e.g. `linux/amd64`. */
export type Platform = string;

const ACCEPTED = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

const ARCHITECTURES: Record<string, string> = { X86_64: 'amd64', ARM64: 'arm64' };

/** The platform a task runs on: Fargate's default is Linux on x86-64. */
export function taskPlatform(runtime: RuntimePlatform | undefined): Platform {
  const family = runtime?.operatingSystemFamily ?? 'LINUX';
  const os = family === 'LINUX' ? 'linux' : 'windows';
  return `${os}/${ARCHITECTURES[runtime?.cpuArchitecture ?? 'X86_64'] ?? 'amd64'}`;
}

interface Manifest {
  manifests?: { platform?: { os?: string; architecture?: string } }[];
  config?: { digest?: string };
}

/**
 * The platforms an ECR image runs on: an index lists them; a single image's config blob names
 * its os and architecture (read through GetDownloadUrlForLayer). Undefined when it cannot tell.
 */
export async function imagePlatforms(
  ecr: Ecr,
  image: string,
  download: (url: string) => Promise<string> = async (url) => (await fetch(url)).text(),
): Promise<{ platforms: Platform[] | undefined; note?: string }> {
  const reference = parseImageReference(image);
  try {
    const found = await ecr.send(
      new BatchGetImageCommand({
        repositoryName: reference.repository,
        imageIds: [
          reference.digest === undefined
            ? { imageTag: reference.tag ?? 'latest' }
            : { imageDigest: reference.digest },
        ],
        acceptedMediaTypes: ACCEPTED,
      }),
    );
    const text = found.images?.[0]?.imageManifest;
    if (text === undefined) return { platforms: undefined, note: 'no manifest' };
    const manifest = JSON.parse(text) as Manifest;
    if (manifest.manifests !== undefined) {
      const platforms = manifest.manifests
        .map((m) => `${m.platform?.os ?? ''}/${m.platform?.architecture ?? ''}`)
        // Attestation manifests in buildx indexes say unknown/unknown.
        .filter((p) => !p.includes('unknown') && p !== '/');
      return { platforms: [...new Set(platforms)] };
    }
    const digest = manifest.config?.digest;
    if (digest === undefined) return { platforms: undefined, note: 'no config in the manifest' };
    const url = (
      await ecr.send(
        new GetDownloadUrlForLayerCommand({
          repositoryName: reference.repository,
          layerDigest: digest,
        }),
      )
    ).downloadUrl;
    if (url === undefined) return { platforms: undefined, note: 'no download URL for the config' };
    const config = JSON.parse(await download(url)) as { os?: string; architecture?: string };
    if (config.os === undefined || config.architecture === undefined)
      return { platforms: undefined, note: 'the config names no platform' };
    return { platforms: [`${config.os}/${config.architecture}`] };
  } catch (error) {
    return { platforms: undefined, note: errorMessage(error).split('\n')[0] ?? '' };
  }
}
