import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  type ECRClient,
  PutImageCommand,
  PutLifecyclePolicyCommand,
} from '@aws-sdk/client-ecr';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../core/action/errors.js';
import type { ActionContext } from '../../core/action/run.js';
import { awsErrorCode } from '../../core/aws/errors.js';
import { registryLogin } from '../../core/ecr/login.js';
import type { Docker } from './docker.js';
import type { BuildPushInputs, TargetInput } from './inputs.js';
import {
  type BuildPushPlan,
  type Builder,
  type ObservedTarget,
  buildCommand,
  lifecyclePolicy,
  planBuildPush,
} from './plan.js';

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

interface ExistingImage {
  digest: string;
  manifest: string;
  mediaType: string | undefined;
}

async function sourceImage(
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

/** What each tag points at now in one repository (undefined: the tag does not exist). */
async function existingTags(
  ecr: Pick<ECRClient, 'send'>,
  target: ObservedTarget,
  tags: string[],
): Promise<Map<string, ExistingImage | undefined>> {
  const found = new Map<string, ExistingImage | undefined>();
  if (!target.exists) {
    for (const tag of tags) found.set(tag, undefined);
    return found;
  }
  for (const tag of tags) found.set(tag, await sourceImage(ecr, target, tag));
  return found;
}

/** What makes two images the same to a user: their layers and run settings, not build timestamps. */
async function imageContent(docker: Docker, reference: string): Promise<string | undefined> {
  const inspected = await docker.run(['image', 'inspect', '--format', '{{json .}}', reference]);
  if (inspected.code !== 0) return undefined;
  const image = JSON.parse(inspected.stdout) as {
    Architecture?: string;
    Os?: string;
    Variant?: string;
    RootFS?: { Layers?: string[] };
    Config?: Record<string, unknown>;
  };
  const config = image.Config ?? {};
  const settings = [
    'Env',
    'Cmd',
    'Entrypoint',
    'Labels',
    'WorkingDir',
    'User',
    'ExposedPorts',
    'Volumes',
    'Healthcheck',
    'StopSignal',
  ];
  return JSON.stringify({
    platform: [image.Os, image.Architecture, image.Variant],
    layers: image.RootFS?.Layers ?? [],
    config: settings.map((key) => config[key] ?? null),
  });
}

/**
 * Whether the built image is the one a tag already names. The image id is the config digest, so
 * an equal id settles it; otherwise BuildKit may have written new timestamps over identical
 * layers and settings, which is still the same image (and pushing it would only churn digests).
 */
async function sameImage(
  docker: Docker,
  imageId: string,
  existing: ExistingImage,
  target: ObservedTarget,
): Promise<boolean> {
  if (configDigest(existing.manifest) === imageId) return true;
  const reference = `${target.repositoryUri ?? ''}@${existing.digest}`;
  if ((await docker.run(['pull', '--quiet', reference])).code !== 0) return false;
  const [built, pushed] = await Promise.all([
    imageContent(docker, imageId),
    imageContent(docker, reference),
  ]);
  return built !== undefined && built === pushed;
}

function configDigest(manifest: string): string | undefined {
  try {
    return (JSON.parse(manifest) as { config?: { digest?: string } }).config?.digest;
  } catch {
    return undefined;
  }
}

export interface Deps {
  ecrFor: EcrFor;
  docker: Docker;
  builder: Builder;
  builderVersion: string;
  scratch: string;
}

export interface BuildPushResult {
  digest: string;
  pushed: boolean;
  images: { region: string; repositoryUri: string; image: string; tags: string[] }[];
}

async function ensureRepositories(
  plan: BuildPushPlan,
  deps: Deps,
  context: ActionContext,
): Promise<void> {
  for (const target of plan.targets) {
    if (target.exists || plan.create === undefined) continue;
    const ecr = deps.ecrFor(target.region);
    const created = await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: target.repository,
        imageTagMutability: plan.create.tagMutability,
        imageScanningConfiguration: { scanOnPush: plan.create.scanOnPush },
        ...(target.registryId === undefined ? {} : { registryId: target.registryId }),
      }),
    );
    target.exists = true;
    target.repositoryUri = created.repository?.repositoryUri;
    target.repositoryArn = created.repository?.repositoryArn;
    target.registryId = created.repository?.registryId ?? target.registryId;
    target.mutability = plan.create.tagMutability;
    context.logger.info(
      `Created repository ${target.repository} in ${target.region} (${plan.create.tagMutability}, scan on push ${plan.create.scanOnPush ? 'on' : 'off'}).`,
    );
    if (plan.create.keepImages > 0) {
      await ecr.send(
        new PutLifecyclePolicyCommand({
          repositoryName: target.repository,
          lifecyclePolicyText: lifecyclePolicy(plan.create.keepImages),
        }),
      );
    }
  }
}

async function login(plan: BuildPushPlan, deps: Deps, context: ActionContext): Promise<void> {
  const done = new Set<string>();
  for (const target of plan.targets) {
    const credentials = await registryLogin(deps.ecrFor(target.region), (secret) => {
      context.setSecret(secret);
    });
    // The repository's own host (another account's registry included), as ECR returned it.
    const server = target.repositoryUri?.split('/')[0] ?? credentials.server;
    if (done.has(server)) continue;
    done.add(server);
    // The password goes through stdin, never argv, and Docker's "stored unencrypted" warning is
    // kept off the error line so a real failure is what the user reads.
    const result = await deps.docker.run(
      ['login', '--username', credentials.username, '--password-stdin', server],
      {
        input: credentials.password,
      },
    );
    if (result.code !== 0) {
      const reason = result.stderr
        .split('\n')
        .filter(
          (line) =>
            line.trim() !== '' && !/^WARNING!|credential helper|docs\.docker\.com/i.test(line),
        )
        .at(-1);
      throw new ConfigurationError(
        `docker login to ${server} failed: ${reason ?? 'no reason given'}.`,
        {
          hint: 'Check that the Docker engine runs and that the job can reach the registry.',
        },
      );
    }
  }
}

async function promote(
  plan: BuildPushPlan,
  inputs: BuildPushInputs,
  deps: Deps,
  context: ActionContext,
): Promise<BuildPushResult> {
  const [target] = plan.targets;
  if (target === undefined || plan.promoteFrom === undefined)
    throw new Error('promote needs a target');
  const ecr = deps.ecrFor(target.region);
  const source = await sourceImage(ecr, target, plan.promoteFrom);
  if (source === undefined)
    throw new ConfigurationError(`Cannot promote '${plan.promoteFrom}': the image is gone.`, {
      input: 'promote-from',
    });
  const current = await existingTags(ecr, target, plan.tags);
  let changed = false;
  for (const tag of plan.tags) {
    const existing = current.get(tag);
    if (existing?.digest === source.digest) {
      context.logger.info(`${tag} already points at ${source.digest}.`);
      continue;
    }
    if (!mayMoveTag(existing, target, tag, inputs, context)) continue;
    await ecr.send(
      new PutImageCommand({
        repositoryName: target.repository,
        imageManifest: source.manifest,
        imageTag: tag,
        ...(source.mediaType === undefined ? {} : { imageManifestMediaType: source.mediaType }),
        ...(target.registryId === undefined ? {} : { registryId: target.registryId }),
      }),
    );
    changed = true;
    context.logger.info(`Tagged ${source.digest} as ${tag}.`);
  }
  return {
    digest: source.digest,
    pushed: changed,
    images: [
      {
        region: target.region,
        repositoryUri: target.repositoryUri ?? '',
        image: `${target.repositoryUri ?? ''}@${source.digest}`,
        tags: plan.tags,
      },
    ],
  };
}

/**
 * Whether a tag that names another image may move to this one: yes in a MUTABLE repository; in an
 * IMMUTABLE one, no (skipped with a warning) when asked to skip such tags, else an error before
 * anything is pushed.
 */
function mayMoveTag(
  existing: ExistingImage | undefined,
  target: ObservedTarget,
  tag: string,
  inputs: BuildPushInputs,
  context: ActionContext,
): boolean {
  if (existing === undefined || target.mutability !== 'IMMUTABLE') return true;
  if (!inputs.skipExistingImmutableTags) throw immutableError(target, tag, existing.digest);
  context.logger.warning(
    `Skipping tag ${tag}: it already names ${existing.digest} in the IMMUTABLE repository ${target.repository}.`,
  );
  return false;
}

function immutableError(target: ObservedTarget, tag: string, digest: string): ConfigurationError {
  return new ConfigurationError(
    `Tag '${tag}' already names ${digest} in ${target.repository} (${target.region}), an IMMUTABLE repository, so it cannot move to this image.`,
    {
      input: 'tags',
      hint: "Use a tag unique to this build (the default sha- tag is), or set 'skip-existing-immutable-tags: true'.",
    },
  );
}

async function buildAndPush(
  plan: BuildPushPlan,
  inputs: BuildPushInputs,
  deps: Deps,
  context: ActionContext,
): Promise<BuildPushResult> {
  const build = plan.build;
  if (build === undefined) throw new Error('build needs build inputs');
  const secretFiles: Record<string, string> = { ...build.secretFiles };
  for (const [id, value] of Object.entries(build.secrets)) {
    const file = join(deps.scratch, `secret-${id}`);
    writeFileSync(file, value, { mode: 0o600 });
    secretFiles[id] = file;
  }
  const files = {
    secretFiles,
    iidFile: join(deps.scratch, 'iid'),
    metadataFile: join(deps.scratch, 'metadata.json'),
  };
  const [first] = plan.targets;
  const firstEcr = deps.ecrFor(first?.region ?? '');
  const before =
    first === undefined
      ? new Map<string, ExistingImage | undefined>()
      : await existingTags(firstEcr, first, plan.tags);

  if (deps.builder !== 'buildx' && build.registryCache) {
    // The legacy builder uses only local images as cache: bring the last pushed one back.
    const cached = [...before.entries()].find(([, image]) => image !== undefined);
    if (cached !== undefined && first?.repositoryUri !== undefined) {
      const pulled = await deps.docker.run([
        'pull',
        '--quiet',
        `${first.repositoryUri}:${cached[0]}`,
      ]);
      context.logger.info(
        pulled.code === 0
          ? `Using ${first.repositoryUri}:${cached[0]} as build cache.`
          : 'No cached image could be pulled; building from scratch.',
      );
    }
  }

  const started = context.clock.now();
  const env =
    deps.builder === 'buildkit'
      ? { DOCKER_BUILDKIT: '1' }
      : deps.builder === 'legacy'
        ? { DOCKER_BUILDKIT: '0' }
        : {};
  const result = await context.logger.group(
    `docker ${deps.builder === 'buildx' ? 'buildx build' : 'build'} (${deps.builder})`,
    () => deps.docker.run(buildCommand(plan, deps.builder, files), { env, stream: true }),
  );
  for (const [id] of Object.entries(build.secrets))
    rmSync(join(deps.scratch, `secret-${id}`), { force: true });
  const buildSeconds = (context.clock.now() - started) / 1000;
  if (result.code !== 0) {
    const last = (result.stderr || result.stdout).trim().split('\n').at(-1) ?? '';
    throw new ConfigurationError(`The image build failed: ${last}`, {
      hint: 'Nothing was pushed. The build log is in the group above.',
    });
  }
  context.outputs.set('build-seconds', buildSeconds.toFixed(1));

  if (deps.builder === 'buildx') {
    const metadata = JSON.parse(readFileSync(files.metadataFile, 'utf8')) as Record<string, string>;
    const digest = metadata['containerimage.digest'] ?? '';
    if (!plan.push) return { digest, pushed: false, images: [] };
    // Pushed by digest: tags are added through ECR, where an IMMUTABLE one cannot move.
    let pushed = false;
    for (const target of plan.targets) {
      const ecr = deps.ecrFor(target.region);
      const current = await existingTags(ecr, target, plan.tags);
      const manifest = await sourceImage(ecr, target, digest);
      for (const tag of plan.tags) {
        const existing = current.get(tag);
        if (existing?.digest === digest) continue;
        if (!mayMoveTag(existing, target, tag, inputs, context)) continue;
        await ecr.send(
          new PutImageCommand({
            repositoryName: target.repository,
            imageManifest: manifest?.manifest ?? '',
            imageTag: tag,
          }),
        );
        pushed = true;
      }
    }
    return {
      digest,
      pushed,
      images: plan.targets.map((t) => ({
        region: t.region,
        repositoryUri: t.repositoryUri ?? '',
        image: `${t.repositoryUri ?? ''}@${digest}`,
        tags: plan.tags,
      })),
    };
  }

  const imageId = readFileSync(files.iidFile, 'utf8').trim();
  if (!plan.push) return { digest: '', pushed: false, images: [] };
  let digest = '';
  let pushed = false;
  const images: BuildPushResult['images'] = [];
  for (const target of plan.targets) {
    const ecr = deps.ecrFor(target.region);
    const current = target === first ? before : await existingTags(ecr, target, plan.tags);
    const toPush: string[] = [];
    for (const tag of plan.tags) {
      const existing = current.get(tag);
      context.logger.debug(
        `${tag}: built ${imageId}, registry has ${existing === undefined ? 'nothing' : `config ${configDigest(existing.manifest) ?? '?'}`}`,
      );
      if (existing !== undefined && (await sameImage(deps.docker, imageId, existing, target))) {
        digest ||= existing.digest;
        continue;
      }
      if (!mayMoveTag(existing, target, tag, inputs, context)) continue;
      toPush.push(tag);
    }
    for (const tag of toPush) {
      const ref = `${target.repositoryUri ?? ''}:${tag}`;
      const push = await context.logger.group(`docker push ${ref}`, () =>
        deps.docker.run(['push', ref], { stream: true }),
      );
      if (push.code !== 0) {
        const reason = (push.stderr || push.stdout).trim().split('\n').at(-1) ?? '';
        throw new ConfigurationError(`docker push ${ref} failed: ${reason}`);
      }
      digest = /digest: (sha256:[a-f0-9]{64})/.exec(push.stdout)?.[1] ?? digest;
      pushed = true;
    }
    if (toPush.length === 0)
      context.logger.info(
        `${target.repository} (${target.region}) already has ${plan.tags.join(', ')} on this image: nothing to push.`,
      );
    images.push({
      region: target.region,
      repositoryUri: target.repositoryUri ?? '',
      image: `${target.repositoryUri ?? ''}@${digest}`,
      tags: plan.tags,
    });
  }
  return {
    digest,
    pushed,
    images: images.map((i) => ({ ...i, image: `${i.repositoryUri}@${digest}` })),
  };
}

export async function execute(
  plan: BuildPushPlan,
  inputs: BuildPushInputs,
  deps: Deps,
  context: ActionContext,
): Promise<BuildPushResult> {
  if (plan.skippedTemplates.length > 0) {
    context.logger.info(
      `Tags skipped (no value in this run): ${plan.skippedTemplates.join(', ')}.`,
    );
  }
  context.logger.info(
    `Tags: ${plan.tags.join(', ')}. Builder: ${deps.builder} (docker ${deps.builderVersion}).`,
  );
  await ensureRepositories(plan, deps, context);
  if (plan.mode === 'build' || plan.push) await login(plan, deps, context);
  const result =
    plan.mode === 'promote'
      ? await promote(plan, inputs, deps, context)
      : await buildAndPush(plan, inputs, deps, context);
  const [first] = plan.targets;
  let size: number | undefined;
  if (first !== undefined && result.digest !== '') {
    const described = await deps
      .ecrFor(first.region)
      .send(
        new DescribeImagesCommand({
          repositoryName: first.repository,
          imageIds: [{ imageDigest: result.digest }],
        }),
      )
      .catch(() => undefined);
    size = described?.imageDetails?.[0]?.imageSizeInBytes;
  }
  context.outputs.set('image', result.images[0]?.image ?? '');
  context.outputs.set('images', result.images);
  context.outputs.set('digest', result.digest);
  context.outputs.set('tags', plan.tags);
  context.outputs.set('repository-uri', first?.repositoryUri ?? '');
  context.outputs.set('pushed', result.pushed);
  context.outputs.set('builder', deps.builder);
  context.summary.heading(`Image ${first?.repository ?? ''}`).table(
    ['Repository', 'Tags', 'Digest', 'Size', 'Outcome', 'Builder'],
    result.images.map((image) => [
      image.repositoryUri,
      image.tags.join(', '),
      result.digest,
      size === undefined ? '—' : `${(size / 1024 / 1024).toFixed(1)} MiB`,
      plan.mode === 'promote'
        ? result.pushed
          ? 'tags added'
          : 'tags already there'
        : result.pushed
          ? 'pushed'
          : plan.push
            ? 'already in the registry: nothing pushed'
            : 'built, not pushed',
      plan.mode === 'promote' ? 'none (promotion)' : deps.builder,
    ]),
  );
  context.logger.info(
    `${result.pushed ? 'Pushed' : 'Nothing pushed'}: ${result.images[0]?.image ?? '(no image)'}.`,
  );
  return result;
}

export function scratchDirectory(env: NodeJS.ProcessEnv): string {
  return mkdtempSync(join(env['RUNNER_TEMP'] ?? tmpdir(), 'ecr-build-push-'));
}
