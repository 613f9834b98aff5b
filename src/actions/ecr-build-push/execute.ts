import {
  CreateRepositoryCommand,
  DescribeImagesCommand,
  type ECRClient,
  PutImageCommand,
  PutLifecyclePolicyCommand,
} from '@aws-sdk/client-ecr';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../core/action/errors.js';
import { registryLogin } from '../../core/ecr/login.js';
import { type BuilderInfo, builderLabel, buildFailure, capabilities } from './builder.js';
import type { Docker } from './docker.js';
import { type BuildInputs, type BuildPushInputs } from './inputs.js';
import {
  type BuildFiles,
  type BuildPushPlan,
  type ObservedTarget,
  buildCommand,
  cacheFor,
  lifecyclePolicy,
} from './plan.js';
import { type EcrFor, sourceImage } from './observe.js';
import type { Context } from './contract.js';
import { ecrImageLink, mdLink } from '../../core/report/links.js';

export interface ExistingImage {
  digest: string;
  manifest: string;
  mediaType: string | undefined;
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
  builder: BuilderInfo;
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
  context: Context,
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
          lifecyclePolicyText: lifecyclePolicy(
            plan.create.keepImages,
            cacheFor(plan, deps.builder)?.kind === 'registry',
          ),
          ...(target.registryId === undefined ? {} : { registryId: target.registryId }),
        }),
      );
    }
  }
}

async function login(plan: BuildPushPlan, deps: Deps, context: Context): Promise<void> {
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
  context: Context,
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
  context: Context,
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

/** What a run does with one tag in one repository. */
type TagDecision = 'same' | 'push' | 'skip';

/** Decides every tag of every target before anything is pushed (IMMUTABLE tags throw here). */
async function decideTags(
  plan: BuildPushPlan,
  before: Map<ObservedTarget, Map<string, ExistingImage | undefined>>,
  isBuilt: (existing: ExistingImage, target: ObservedTarget) => Promise<boolean>,
  inputs: BuildPushInputs,
  context: Context,
): Promise<Map<ObservedTarget, Map<string, TagDecision>>> {
  const decisions = new Map<ObservedTarget, Map<string, TagDecision>>();
  for (const target of plan.targets) {
    const current = before.get(target) ?? new Map<string, ExistingImage | undefined>();
    const decided = new Map<string, TagDecision>();
    for (const tag of plan.tags) {
      const existing = current.get(tag);
      if (existing !== undefined && (await isBuilt(existing, target))) decided.set(tag, 'same');
      else decided.set(tag, mayMoveTag(existing, target, tag, inputs, context) ? 'push' : 'skip');
    }
    if ([...decided.values()].every((d) => d === 'skip')) {
      throw new ConfigurationError(
        `Every tag of this build (${plan.tags.join(', ')}) already names another image in the IMMUTABLE repository ${target.repository} (${target.region}), so there is nothing to push it under and no image to output. Nothing was pushed.`,
        {
          input: 'tags',
          hint: 'Add a tag unique to this build (the default sha- tag is one).',
        },
      );
    }
    decisions.set(target, decided);
  }
  return decisions;
}

function tagsTo(decided: Map<string, TagDecision> | undefined, kind: TagDecision): string[] {
  return [...(decided ?? new Map<string, TagDecision>()).entries()]
    .filter(([, decision]) => decision === kind)
    .map(([tag]) => tag);
}

async function runBuild(
  args: string[],
  label: string,
  env: Record<string, string>,
  deps: Deps,
  context: Context,
): Promise<void> {
  const result = await context.logger.group(label, () =>
    deps.docker.run(args, { env, stream: true }),
  );
  if (result.code !== 0) {
    throw new ConfigurationError(
      `The image build failed: ${buildFailure(`${result.stdout}\n${result.stderr}`)}.`,
      { hint: 'Nothing was pushed. The build log is in the group above.' },
    );
  }
}

function writeSecretFiles(build: BuildInputs, scratch: string): Record<string, string> {
  const secretFiles: Record<string, string> = { ...build.secretFiles };
  for (const [id, value] of Object.entries(build.secrets)) {
    const file = join(scratch, `secret-${id}`);
    writeFileSync(file, value, { mode: 0o600 });
    secretFiles[id] = file;
  }
  return secretFiles;
}

async function buildAndPush(
  plan: BuildPushPlan,
  inputs: BuildPushInputs,
  deps: Deps,
  context: Context,
): Promise<BuildPushResult> {
  const build = plan.build;
  if (build === undefined) throw new Error('build needs build inputs');
  const files = {
    secretFiles: writeSecretFiles(build, deps.scratch),
    iidFile: join(deps.scratch, 'iid'),
    metadataFile: join(deps.scratch, 'metadata.json'),
  };
  try {
    const before = new Map<ObservedTarget, Map<string, ExistingImage | undefined>>();
    for (const target of plan.targets)
      before.set(target, await existingTags(deps.ecrFor(target.region), target, plan.tags));
    const started = context.clock.now();
    const pushesItself =
      deps.builder.path === 'buildx' && !capabilities(deps.builder).intoEngine && plan.push;
    const result = pushesItself
      ? await buildxPush(plan, inputs, deps, context, files, before)
      : await engineBuildAndPush(plan, inputs, deps, context, files, before);
    context.outputs.set('build-seconds', ((context.clock.now() - started) / 1000).toFixed(1));
    return result;
  } finally {
    for (const id of Object.keys(build.secrets))
      rmSync(join(deps.scratch, `secret-${id}`), { force: true });
  }
}

/**
 * buildx builders that push themselves (docker-container, remote, kubernetes; the docker driver
 * on the containerd store): a first build without pushing gives the digest, which says which tags
 * already name this image and which would move; only then is anything pushed, by digest, and the
 * tags added through ECR.
 */
async function buildxPush(
  plan: BuildPushPlan,
  inputs: BuildPushInputs,
  deps: Deps,
  context: Context,
  files: BuildFiles,
  before: Map<ObservedTarget, Map<string, ExistingImage | undefined>>,
): Promise<BuildPushResult> {
  const anyExisting = [...before.values()].some((tags) =>
    [...tags.values()].some((image) => image !== undefined),
  );
  const checked = anyExisting ? await checkBuild(plan, deps, context, files) : undefined;
  const decisions = await decideTags(
    plan,
    before,
    (existing) =>
      Promise.resolve(
        checked !== undefined &&
          (existing.digest === checked.digest || namesImage(existing, checked.platformDigests)),
      ),
    inputs,
    context,
  );
  const images = (digest: string): BuildPushResult['images'] =>
    plan.targets.map((t) => ({
      region: t.region,
      repositoryUri: t.repositoryUri ?? '',
      image: `${t.repositoryUri ?? ''}@${digest}`,
      tags: plan.tags,
    }));
  if (
    checked !== undefined &&
    [...decisions.values()].every((d) => tagsTo(d, 'push').length === 0)
  ) {
    context.logger.info(
      `The registry already has this image (${checked.digest}) under ${plan.tags.join(', ')}: nothing to push.`,
    );
    return { digest: checked.digest, pushed: false, images: images(checked.digest) };
  }
  await runBuild(
    buildCommand(plan, deps.builder, files, 'push'),
    'docker buildx build (push by digest)',
    {},
    deps,
    context,
  );
  const digest = builtDigest(files);
  if (checked !== undefined && checked.digest !== digest)
    context.logger.warning(
      `The pushed build has digest ${digest}, not ${checked.digest} as the build before it: the builder did not reuse its cache for every step.`,
    );
  for (const target of plan.targets)
    await tagPushed(target, digest, tagsTo(decisions.get(target), 'push'), deps);
  return { digest, pushed: true, images: images(digest) };
}

/** The digest buildx wrote to its metadata file for the last build. */
function builtDigest(files: BuildFiles): string {
  const metadata = JSON.parse(readFileSync(files.metadataFile, 'utf8')) as Record<string, unknown>;
  const digest = metadata['containerimage.digest'];
  if (typeof digest !== 'string' || !digest.startsWith('sha256:'))
    throw new Error(`buildx wrote no image digest to ${files.metadataFile}`);
  return digest;
}

/**
 * A build that pushes nothing, to compare with the registry: the image's digest and the digests
 * of its platforms' manifests. An index's digest changes with its attestations; its platforms'
 * manifests do not, so each platform is built alone too (from the cache just filled).
 */
async function checkBuild(
  plan: BuildPushPlan,
  deps: Deps,
  context: Context,
  files: BuildFiles,
): Promise<{ digest: string; platformDigests: string[] }> {
  await runBuild(
    buildCommand(plan, deps.builder, files, 'check'),
    'docker buildx build (to compare with the registry; nothing is pushed)',
    {},
    deps,
    context,
  );
  const digest = builtDigest(files);
  const platforms = plan.build?.platforms ?? [];
  if (platforms.length <= 1 || plan.build === undefined)
    return { digest, platformDigests: [digest] };
  const platformDigests: string[] = [];
  for (const platform of platforms) {
    const single = { ...plan, build: { ...plan.build, platforms: [platform] } };
    await runBuild(
      buildCommand(single, deps.builder, files, 'check'),
      `docker buildx build --platform ${platform} (to compare with the registry)`,
      {},
      deps,
      context,
    );
    platformDigests.push(builtDigest(files));
  }
  return { digest, platformDigests };
}

/** Adds the tags to the image buildx pushed by digest, through ECR's PutImage. */
async function tagPushed(
  target: BuildPushPlan['targets'][number],
  digest: string,
  tags: string[],
  deps: Deps,
): Promise<void> {
  const ecr = deps.ecrFor(target.region);
  const manifest = await sourceImage(ecr, target, digest);
  if (manifest === undefined) {
    throw new ConfigurationError(
      `buildx pushed ${digest} to ${target.repositoryUri ?? target.repository}, but ECR does not list it in ${target.repository} (${target.region}); no tag was added.`,
      {
        hint: 'Check that the builder pushes to the registry ECR gave (and not through a mirror).',
      },
    );
  }
  for (const tag of tags) {
    await ecr.send(
      new PutImageCommand({
        repositoryName: target.repository,
        imageManifest: manifest.manifest,
        imageTag: tag,
        ...(manifest.mediaType === undefined ? {} : { imageManifestMediaType: manifest.mediaType }),
        ...(target.registryId === undefined ? {} : { registryId: target.registryId }),
      }),
    );
  }
}

/**
 * Whether an image already in the registry is the one built, given the digests of the built
 * image's platform manifests (one for a single platform): the same manifest, or an index whose
 * image manifests, attestations aside, are exactly those.
 */
export function namesImage(existing: ExistingImage, built: string[]): boolean {
  if (built.length === 1 && existing.digest === built[0]) return true;
  let index: { manifests?: { digest?: string; annotations?: Record<string, string> }[] };
  try {
    index = JSON.parse(existing.manifest) as typeof index;
  } catch {
    return false;
  }
  const images = (index.manifests ?? [])
    .filter((m) => m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest')
    .map((m) => m.digest ?? '');
  return (
    images.length === built.length &&
    images.length > 0 &&
    built.every((digest) => images.includes(digest))
  );
}

/**
 * Builders whose image lands in the engine (docker build, buildx's docker driver): compared with
 * what each tag names by content, then pushed with docker push.
 */
async function engineBuildAndPush(
  plan: BuildPushPlan,
  inputs: BuildPushInputs,
  deps: Deps,
  context: Context,
  files: BuildFiles,
  before: Map<ObservedTarget, Map<string, ExistingImage | undefined>>,
): Promise<BuildPushResult> {
  const [first] = plan.targets;
  if (deps.builder.path === 'legacy' && plan.build?.registryCache === true) {
    // The legacy builder uses only local images as cache: bring the last pushed one back.
    const cached = [...(before.get(first as ObservedTarget)?.entries() ?? [])].find(
      ([, image]) => image !== undefined,
    );
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
  const env =
    deps.builder.path === 'buildkit'
      ? { DOCKER_BUILDKIT: '1' }
      : deps.builder.path === 'legacy'
        ? { DOCKER_BUILDKIT: '0' }
        : {};
  await runBuild(
    buildCommand(plan, deps.builder, files),
    `docker ${deps.builder.path === 'buildx' ? 'buildx build' : 'build'} (${deps.builder.path})`,
    env,
    deps,
    context,
  );
  if (!plan.push) return { digest: '', pushed: false, images: [] };
  const imageId = readFileSync(files.iidFile, 'utf8').trim();
  const decisions = await decideTags(
    plan,
    before,
    (existing, target) => sameImage(deps.docker, imageId, existing, target),
    inputs,
    context,
  );
  let digest = '';
  let pushed = false;
  for (const target of plan.targets) {
    const decided = decisions.get(target);
    const same = tagsTo(decided, 'same')[0];
    if (same !== undefined) digest ||= before.get(target)?.get(same)?.digest ?? '';
    const toPush = tagsTo(decided, 'push');
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
        `${target.repository} (${target.region}) already has ${tagsTo(decided, 'same').join(', ')} on this image: nothing to push.`,
      );
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

export async function execute(
  plan: BuildPushPlan,
  inputs: BuildPushInputs,
  deps: Deps,
  context: Context,
): Promise<BuildPushResult> {
  if (plan.skippedTemplates.length > 0) {
    context.logger.info(
      `Tags skipped (no value in this run): ${plan.skippedTemplates.join(', ')}.`,
    );
  }
  await ensureRepositories(plan, deps, context);
  const cache = plan.mode === 'build' ? cacheFor(plan, deps.builder) : undefined;
  context.logger.info(
    `Tags: ${plan.tags.join(', ')}.${plan.mode === 'build' ? ` Builder: ${builderLabel(deps.builder)}; build cache: ${cache?.kind ?? 'none'}.` : ''}`,
  );
  // Said once: what this builder cannot do for the cache, and how to get the registry cache.
  if (cache?.note !== undefined) context.logger.info(cache.note);
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
          ...(first.registryId === undefined ? {} : { registryId: first.registryId }),
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
  context.outputs.set('builder', plan.mode === 'promote' ? '' : deps.builder.path);
  context.outputs.set('build-cache', cache?.kind ?? 'none');
  context.summary.heading(`Image ${first?.repository ?? ''}`).table(
    ['Repository', 'Tags', 'Digest', 'Size', 'Outcome', 'Builder'],
    result.images.map((image) => [
      image.repositoryUri,
      image.tags.join(', '),
      mdLink(result.digest, ecrImageLink(image.image)),
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
      plan.mode === 'promote' ? 'none (promotion)' : builderLabel(deps.builder),
    ]),
  );
  if (cache !== undefined)
    context.summary.paragraph(
      `Build cache: ${cache.kind}.${cache.note === undefined ? '' : ` ${cache.note}`}`,
    );
  context.logger.info(
    `${result.pushed ? 'Pushed' : 'Nothing pushed'}: ${result.images[0]?.image ?? '(no image)'}.`,
  );
  return result;
}

export function scratchDirectory(env: NodeJS.ProcessEnv): string {
  return mkdtempSync(join(env['RUNNER_TEMP'] ?? tmpdir(), 'ecr-build-push-'));
}
