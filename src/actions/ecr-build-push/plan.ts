import { ConfigurationError } from '../../core/action/errors.js';
import type { ActionPlan } from '../../core/action/run.js';
import type { RequiredPermission } from '../../core/iam/permissions.js';
import { defaultTags, expandTemplate, isValidTag } from '../../core/ecr/tags.js';
import type { BuildInputs, BuildPushInputs } from './inputs.js';

export type Builder = 'buildx' | 'buildkit' | 'legacy';

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

function repositoryArn(
  target: Pick<ObservedTarget, 'region' | 'registryId' | 'repository' | 'repositoryArn'>,
): string {
  if (target.repositoryArn !== undefined) return target.repositoryArn;
  return `arn:aws:ecr:${target.region}:${target.registryId ?? '*'}:repository/${target.repository}`;
}

const PUSH_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:PutImage',
];
const READ_ACTIONS = ['ecr:DescribeImages', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];

/**
 * What pushing to (or retagging in) these repositories needs: the permission contract of this
 * action, used by its pre-flight and by iam-check.
 */
export function buildPushPermissions(
  targets: Pick<
    ObservedTarget,
    'region' | 'registryId' | 'repository' | 'exists' | 'repositoryArn'
  >[],
  options: { keepImages: number; push: boolean; promote: boolean },
): RequiredPermission[] {
  const permissions: RequiredPermission[] = [];
  for (const target of targets) {
    const arn = repositoryArn(target);
    permissions.push({
      action: 'ecr:DescribeRepositories',
      resource: arn,
      write: false,
      reason: 'find the repository and its tag mutability',
    });
    if (!target.exists) {
      permissions.push({
        action: 'ecr:CreateRepository',
        resource: arn,
        write: true,
        reason: 'create the repository',
      });
      if (options.keepImages > 0) {
        permissions.push({
          action: 'ecr:PutLifecyclePolicy',
          resource: arn,
          write: true,
          reason: `keep the last ${options.keepImages} images`,
        });
      }
    }
    for (const action of READ_ACTIONS)
      permissions.push({
        action,
        resource: arn,
        write: false,
        reason: 'compare with what is already pushed',
      });
    if (options.push || options.promote) {
      // A run that may both push and promote (iam-check's view of a workflow) needs both.
      const actions = options.push ? PUSH_ACTIONS : ['ecr:PutImage'];
      for (const action of actions)
        permissions.push({
          action,
          resource: arn,
          write: true,
          reason: options.push ? 'push the image (and add tags)' : 'add the tags',
        });
    }
  }
  permissions.push({
    action: 'ecr:GetAuthorizationToken',
    resource: '*',
    write: false,
    reason: 'log in to the registry',
  });
  return permissions;
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

/** ECR lifecycle policy keeping the newest `keep` images. */
export function lifecyclePolicy(keep: number): string {
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `Keep the last ${keep} images (ecs-delivery)`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: keep },
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
 * The build command for the builder this machine has. buildx pushes by digest (tags are added
 * afterwards through ECR, so an IMMUTABLE tag never moves); BuildKit and the legacy builder
 * build locally, tagged, and push later.
 */
export function buildCommand(plan: BuildPushPlan, builder: Builder, files: BuildFiles): string[] {
  const build = plan.build;
  if (build === undefined) return [];
  const uris = plan.targets.map((t) => t.repositoryUri ?? '');
  const args = builder === 'buildx' ? ['buildx', 'build'] : ['build'];
  args.push('--file', build.dockerfile);
  if (build.target !== undefined) args.push('--target', build.target);
  for (const [key, value] of Object.entries(build.buildArgs))
    args.push('--build-arg', `${key}=${value}`);
  for (const [key, value] of Object.entries(build.labels)) args.push('--label', `${key}=${value}`);
  if (build.network !== undefined) args.push('--network', build.network);
  for (const [id, path] of Object.entries(files.secretFiles))
    args.push('--secret', `id=${id},src=${path}`);
  const first = uris[0] ?? '';
  if (builder === 'buildx') {
    if (build.platforms.length > 0) args.push('--platform', build.platforms.join(','));
    const cacheRef = `${first}:buildcache`;
    const cacheFrom =
      build.cacheFrom.length > 0
        ? build.cacheFrom
        : build.registryCache
          ? [`type=registry,ref=${cacheRef}`]
          : [];
    // ECR takes a registry cache only as an image manifest with OCI media types.
    const cacheTo =
      build.cacheTo.length > 0
        ? build.cacheTo
        : build.registryCache && plan.push
          ? [`type=registry,ref=${cacheRef},mode=max,image-manifest=true,oci-mediatypes=true`]
          : [];
    for (const ref of cacheFrom) args.push('--cache-from', ref);
    for (const ref of cacheTo) args.push('--cache-to', ref);
    args.push('--metadata-file', files.metadataFile);
    if (plan.push) {
      args.push(
        '--output',
        `type=image,"name=${uris.join(',')}",push-by-digest=true,name-canonical=true,push=true`,
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
    for (const ref of build.cacheFrom) args.push('--cache-from', ref);
    if (build.registryCache) {
      for (const tag of plan.tags) args.push('--cache-from', `${first}:${tag}`);
      // BuildKit can use a pulled image as cache only when its cache metadata is inline.
      if (builder === 'buildkit') args.push('--build-arg', 'BUILDKIT_INLINE_CACHE=1');
    }
    args.push('--iidfile', files.iidFile);
  }
  args.push(build.context);
  return args;
}

/** Why a builder cannot do what the inputs ask, or undefined. */
export function builderProblem(
  build: BuildInputs | undefined,
  builder: Builder,
): string | undefined {
  if (build === undefined || builder === 'buildx') return undefined;
  if (build.platforms.length > 1)
    return `building for several platforms (${build.platforms.join(', ')}) needs docker buildx`;
  if (build.cacheTo.length > 0) return 'exporting a build cache (cache-to) needs docker buildx';
  if (
    builder === 'legacy' &&
    (Object.keys(build.secrets).length > 0 || Object.keys(build.secretFiles).length > 0)
  ) {
    return 'build secrets need BuildKit: install docker buildx, or point docker-cli at a Docker CLI older than 23 that runs BuildKit without it';
  }
  return undefined;
}
