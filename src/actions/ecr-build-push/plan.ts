import { ConfigurationError } from '../../core/action/errors.js';
import type { ActionPlan } from '../../core/action/run.js';
import { defaultTags, expandTemplate, isValidTag } from '../../core/ecr/tags.js';
import { type BuilderInfo, type CachePlan, capabilities, planCache } from './builder.js';
import { type BuildInputs, type BuildPushInputs } from './inputs.js';
import { buildPushPermissions } from '../../core/permissions/build-push.js';

/** A target repository as observed before anything changes. */
export interface ObservedTarget {
  region: string;
  registryId: string | undefined;
  repository: string;
  exists: boolean;
  repositoryUri: string | undefined;
  repositoryArn: string | undefined;
  mutability: 'MUTABLE' | 'IMMUTABLE' | undefined;
}

export interface BuildPushPlan extends ActionPlan {
  mode: 'build' | 'promote';
  tags: string[];
  skippedTemplates: string[];
  targets: ObservedTarget[];
  create:
    { scanOnPush: boolean; tagMutability: 'MUTABLE' | 'IMMUTABLE'; keepImages: number } | undefined;
  push: boolean;
  promoteFrom: string | undefined;
  build: BuildInputs | undefined;
}

/** The tags of this run: the templates expanded, or the defaults from git. */
export function resolveTags(inputs: Pick<BuildPushInputs, 'tagTemplates' | 'git'>): {
  tags: string[];
  skipped: string[];
} {
  if (inputs.tagTemplates.length === 0) return { tags: defaultTags(inputs.git), skipped: [] };
  const tags: string[] = [];
  const skipped: string[] = [];
  for (const template of inputs.tagTemplates) {
    const tag = expandTemplate(template, inputs.git);
    if (tag === undefined) {
      skipped.push(template);
    } else if (!isValidTag(tag)) {
      throw new ConfigurationError(
        `Input 'tags': '${template}' expands to '${tag}', which Docker rejects as a tag.`,
        { input: 'tags' },
      );
    } else if (!tags.includes(tag)) {
      tags.push(tag);
    }
  }
  if (tags.length === 0) {
    throw new ConfigurationError(
      `Input 'tags': no tag has a value in this run (${skipped.join(', ')}).`,
      { input: 'tags' },
    );
  }
  return { tags, skipped };
}

export function planBuildPush(inputs: BuildPushInputs, targets: ObservedTarget[]): BuildPushPlan {
  const missing = targets.filter((t) => !t.exists);
  if (missing.length > 0 && !inputs.createRepository) {
    const where = missing.map((t) => `${t.repository} in ${t.region}`).join(', ');
    throw new ConfigurationError(`Repository ${where} does not exist.`, {
      input: 'repository',
      hint: "Create it, or set 'create-repository: true' to let this step create it.",
    });
  }
  if (inputs.promoteFrom !== undefined && missing.length > 0) {
    throw new ConfigurationError(
      `Cannot promote in ${missing[0]?.repository ?? ''}: the repository does not exist.`,
      { input: 'repository' },
    );
  }
  const { tags, skipped } = resolveTags(inputs);
  const permissions = buildPushPermissions(targets, {
    keepImages: inputs.keepImages,
    push: inputs.push && inputs.promoteFrom === undefined,
    promote: inputs.promoteFrom !== undefined,
  });
  return {
    mode: inputs.promoteFrom === undefined ? 'build' : 'promote',
    tags,
    skippedTemplates: skipped,
    targets,
    create:
      missing.length === 0
        ? undefined
        : {
            scanOnPush: inputs.scanOnPush,
            tagMutability: inputs.tagMutability,
            keepImages: inputs.keepImages,
          },
    push: inputs.push,
    promoteFrom: inputs.promoteFrom,
    build: inputs.build,
    permissions,
  };
}

/**
 * ECR lifecycle policy keeping the newest `keep` images. Only tagged images are counted: ECR
 * lists every manifest as an image, so the platform manifests of an index and its attestations
 * (untagged) would otherwise use up the count and be expired from under the index that needs
 * them. The registry cache (`:buildcache`, tagged, pushed with every build) gets one place more.
 */
export function lifecyclePolicy(keep: number, registryCache = false): string {
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `Keep the last ${keep} images (ecs-delivery)`,
        selection: {
          tagStatus: 'tagged',
          tagPatternList: ['*'],
          countType: 'imageCountMoreThan',
          countNumber: keep + (registryCache ? 1 : 0),
        },
        action: { type: 'expire' },
      },
    ],
  });
}

export interface BuildFiles {
  /** Secret id -> file holding its value (value secrets are written to temporary files). */
  secretFiles: Record<string, string>;
  iidFile: string;
  metadataFile: string;
}

/**
 * The build cache of this plan on this builder, in its first repository (a repository about to be
 * created has the mutability it will be created with): the one decision the build, the lifecycle
 * policy and what the step says all use.
 */
export function cacheFor(plan: BuildPushPlan, info: BuilderInfo): CachePlan | undefined {
  if (plan.build === undefined) return undefined;
  const [first] = plan.targets;
  return planCache(plan.build, info, {
    push: plan.push,
    repositoryUri: first?.repositoryUri ?? first?.repository ?? '',
    tags: plan.tags,
    immutable: (first?.mutability ?? plan.create?.tagMutability) === 'IMMUTABLE',
  });
}

/**
 * What a buildx build that pushes itself does: `check` builds without pushing (its digest says
 * whether the registry already has the image, and which tags would move), `push` pushes by
 * digest (tags are added afterwards through ECR, where an IMMUTABLE one cannot move).
 */
export type BuildxPhase = 'check' | 'push';

/**
 * The build command for this builder. Builders that load into the engine (docker build, buildx's
 * docker driver) tag locally and are pushed later with docker push; other buildx builders push
 * straight from the builder in the `push` phase.
 */
export function buildCommand(
  plan: BuildPushPlan,
  info: BuilderInfo,
  files: BuildFiles,
  phase: BuildxPhase = 'push',
): string[] {
  const build = plan.build;
  const cache = cacheFor(plan, info);
  if (build === undefined || cache === undefined) return [];
  const uris = plan.targets.map((t) => t.repositoryUri ?? '');
  const first = uris[0] ?? '';
  const can = capabilities(info);
  const args = info.path === 'buildx' ? ['buildx', 'build'] : ['build'];
  if (info.path === 'buildx' && info.name !== undefined) args.push('--builder', info.name);
  args.push('--file', build.dockerfile);
  if (build.target !== undefined) args.push('--target', build.target);
  for (const [key, value] of Object.entries(build.buildArgs))
    args.push('--build-arg', `${key}=${value}`);
  for (const [key, value] of Object.entries(build.labels)) args.push('--label', `${key}=${value}`);
  if (build.network !== undefined) args.push('--network', build.network);
  for (const [id, path] of Object.entries(files.secretFiles))
    args.push('--secret', `id=${id},src=${path}`);
  if (info.path === 'buildx') {
    if (build.platforms.length > 0) args.push('--platform', build.platforms.join(','));
    // Attestations only when asked for: each is an untagged manifest in ECR, and it changes the
    // digest of every build (so an unchanged image would never be recognised).
    const attest = phase === 'push' && can.attestations;
    args.push(`--provenance=${attest ? build.provenance : 'false'}`);
    args.push(`--sbom=${attest && build.sbom ? 'true' : 'false'}`);
    for (const ref of cache.from) args.push('--cache-from', ref);
    // The check phase exports no cache: an unchanged image must write nothing to the registry.
    if (phase === 'push' || can.intoEngine)
      for (const ref of cache.to) args.push('--cache-to', ref);
    args.push('--metadata-file', files.metadataFile);
    if (can.intoEngine) {
      args.push('--load', '--iidfile', files.iidFile);
      for (const uri of uris) for (const tag of plan.tags) args.push('--tag', `${uri}:${tag}`);
    } else if (plan.push) {
      // Same options in both phases, so an unchanged build gives the same digest in each.
      args.push(
        '--output',
        `type=image,"name=${uris.join(',')}",push-by-digest=true,name-canonical=true,oci-mediatypes=true,push=${phase === 'push' ? 'true' : 'false'}`,
      );
    } else if (build.platforms.length <= 1) {
      args.push('--load', '--tag', `${first}:${plan.tags[0] ?? 'latest'}`);
    }
  } else {
    if (
      build.platforms.length > 1 ||
      (build.platforms[0] !== undefined && build.platforms[0] !== 'linux/amd64')
    ) {
      args.push('--platform', build.platforms.join(','));
    }
    for (const uri of uris) for (const tag of plan.tags) args.push('--tag', `${uri}:${tag}`);
    for (const ref of cache.from) args.push('--cache-from', ref);
    // BuildKit can use a pulled image as cache only when its cache metadata is inline.
    if (info.path === 'buildkit' && cache.kind === 'inline')
      args.push('--build-arg', 'BUILDKIT_INLINE_CACHE=1');
    args.push('--iidfile', files.iidFile);
  }
  args.push(build.context);
  return args;
}
