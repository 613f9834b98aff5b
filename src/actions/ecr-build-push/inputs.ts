import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ConfigurationError } from '../../core/action/errors.js';
import { resolveRegion } from '../../core/aws/region.js';
import { ECR_REPOSITORY_NAME } from '../../core/ecr/image-reference.js';
import { type GitContext, isValidTag } from '../../core/ecr/tags.js';
import { ENGINE_BUILDER } from './builder.js';
import type { Context, Reader } from './contract.js';
import { validateTargets } from './schemas.validate.js';

export interface TargetInput {
  region: string;
  registryId: string | undefined;
  repository: string;
}

export interface BuildInputs {
  context: string;
  dockerfile: string;
  target: string | undefined;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  platforms: string[];
  /** Build secrets given as values (masked) and as files. */
  secrets: Record<string, string>;
  secretFiles: Record<string, string>;
  network: string | undefined;
  cacheFrom: string[];
  cacheTo: string[];
  /** Use the registry as a build cache (pull previous images; buildx: a registry cache ref). */
  registryCache: boolean;
  /** buildx attestations: `false`, `true`, `mode=min` or `mode=max`; and an SBOM. */
  provenance: string;
  sbom: boolean;
}

export interface BuildPushInputs {
  targets: TargetInput[];
  createRepository: boolean;
  scanOnPush: boolean;
  tagMutability: 'MUTABLE' | 'IMMUTABLE';
  keepImages: number;
  /** Explicit tags and templates; empty means the defaults from git. */
  tagTemplates: string[];
  git: GitContext;
  push: boolean;
  promoteFrom: string | undefined;
  skipExistingImmutableTags: boolean;
  build: BuildInputs | undefined;
  dockerCli: string;
  /** A buildx builder's name, `engine` for docker build, or undefined for buildx's own choice. */
  builder: string | undefined;
}

export const KNOWN_PLATFORMS = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm64/v8',
  'linux/arm/v7',
  'linux/arm/v6',
  'linux/386',
  'linux/ppc64le',
  'linux/s390x',
  'linux/riscv64',
  'windows/amd64',
];

function checkRepository(name: string, input: string): string {
  if (!ECR_REPOSITORY_NAME.test(name)) {
    throw new ConfigurationError(
      `Input '${input}' is not a repository name ECR accepts: '${name}' (2-256 lowercase letters, digits and . _ - / separators, e.g. team/web).`,
      { input },
    );
  }
  return name;
}

function readGit(env: NodeJS.ProcessEnv, now: Date): GitContext {
  let event: {
    repository?: { default_branch?: string };
    pull_request?: { number?: number };
    number?: number;
  } = {};
  const eventPath = env['GITHUB_EVENT_PATH'];
  if (eventPath !== undefined && existsSync(eventPath)) {
    try {
      event = JSON.parse(readFileSync(eventPath, 'utf8')) as typeof event;
    } catch {
      event = {};
    }
  }
  return {
    eventName: env['GITHUB_EVENT_NAME'] ?? 'push',
    ref: env['GITHUB_REF'] ?? '',
    sha: env['GITHUB_SHA'] ?? '0000000',
    defaultBranch: event.repository?.default_branch,
    pullRequestNumber: event.pull_request?.number ?? event.number,
    runNumber: env['GITHUB_RUN_NUMBER'],
    runAttempt: env['GITHUB_RUN_ATTEMPT'],
    now,
  };
}

function readBuild(
  reader: Reader,
  workspace: string,
  masked: (value: string) => void,
): BuildInputs {
  const contextInput = reader.optional('context') ?? '.';
  const context = isAbsolute(contextInput) ? contextInput : join(workspace, contextInput);
  if (!existsSync(context) || !statSync(context).isDirectory()) {
    throw new ConfigurationError(`Input 'context' is not a directory: ${contextInput}.`, {
      input: 'context',
    });
  }
  const dockerfileInput = reader.optional('dockerfile');
  const dockerfile =
    dockerfileInput === undefined
      ? join(context, 'Dockerfile')
      : isAbsolute(dockerfileInput)
        ? dockerfileInput
        : join(workspace, dockerfileInput);
  if (!existsSync(dockerfile)) {
    throw new ConfigurationError(
      `Input 'dockerfile': no Dockerfile at ${dockerfileInput ?? join(contextInput, 'Dockerfile')}.`,
      {
        input: 'dockerfile',
      },
    );
  }
  const platforms = reader.list('platforms');
  for (const platform of platforms) {
    if (!KNOWN_PLATFORMS.includes(platform)) {
      throw new ConfigurationError(
        `Input 'platforms' has an unknown platform '${platform}'; use ${KNOWN_PLATFORMS.join(', ')}.`,
        {
          input: 'platforms',
        },
      );
    }
  }
  const secrets = Object.fromEntries(reader.keyValues('build-secrets'));
  for (const value of Object.values(secrets)) if (value !== '') masked(value);
  const secretFiles: Record<string, string> = {};
  for (const [id, path] of reader.keyValues('build-secret-files')) {
    const file = isAbsolute(path) ? path : join(workspace, path);
    if (!existsSync(file)) {
      throw new ConfigurationError(
        `Input 'build-secret-files': the file for secret '${id}' does not exist: ${path}.`,
        {
          input: 'build-secret-files',
        },
      );
    }
    secretFiles[id] = file;
  }
  for (const id of [...Object.keys(secrets), ...Object.keys(secretFiles)]) {
    if (!/^[a-zA-Z0-9_.-]+$/.test(id)) {
      throw new ConfigurationError(
        `Build secret ids are letters, digits, '.', '_' and '-'; got '${id}'.`,
        { input: 'build-secrets' },
      );
    }
  }
  return {
    context,
    dockerfile,
    target: reader.optional('target'),
    buildArgs: Object.fromEntries(reader.keyValues('build-args')),
    labels: Object.fromEntries(reader.keyValues('labels')),
    platforms,
    secrets,
    secretFiles,
    network: reader.optional('build-network'),
    cacheFrom: reader.list('cache-from'),
    cacheTo: reader.list('cache-to'),
    registryCache: reader.boolean('registry-cache', true),
    provenance: readProvenance(reader),
    sbom: reader.boolean('sbom', false),
  };
}

const PROVENANCE = ['false', 'true', 'mode=min', 'mode=max'];

function readProvenance(reader: Reader): string {
  const value = reader.optional('provenance') ?? 'false';
  if (!PROVENANCE.includes(value)) {
    throw new ConfigurationError(
      `Input 'provenance' must be one of ${PROVENANCE.join(', ')}; got '${value}'.`,
      { input: 'provenance' },
    );
  }
  return value;
}

function readBuilder(reader: Reader): string | undefined {
  const builder = reader.optional('builder');
  if (builder !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(builder)) {
    throw new ConfigurationError(
      `Input 'builder' must be a buildx builder name (letters, digits, '_', '.', '-') or '${ENGINE_BUILDER}'; got '${builder}'.`,
      { input: 'builder' },
    );
  }
  return builder;
}

export function readInputs(
  reader: Reader,
  context: Pick<Context, 'env' | 'clock' | 'setSecret'>,
): BuildPushInputs {
  const workspace = context.env['GITHUB_WORKSPACE'] ?? process.cwd();
  const repository = checkRepository(reader.required('repository'), 'repository');
  const region = resolveRegion(reader.optional('aws-region'), context.env);
  const registryId = reader.optional('registry-id');
  if (registryId !== undefined && !/^\d{12}$/.test(registryId)) {
    throw new ConfigurationError(
      `Input 'registry-id' must be a 12-digit account id, got '${registryId}'.`,
      { input: 'registry-id' },
    );
  }
  const extra =
    reader.structured<{ region: string; 'registry-id'?: string; repository?: string }[]>(
      'additional-targets',
      validateTargets,
    ) ?? [];
  const targets: TargetInput[] = [
    { region, registryId, repository },
    ...extra.map((t) => ({
      region: t.region,
      registryId: t['registry-id'],
      repository: checkRepository(t.repository ?? repository, 'additional-targets'),
    })),
  ];
  const tagTemplates = reader.list('tags');
  for (const template of tagTemplates) {
    const sample = template.replace(/\{\{\s*[a-z_]+\s*\}\}/g, 'x');
    if (!isValidTag(sample)) {
      throw new ConfigurationError(
        `Input 'tags' has '${template}', which Docker rejects: tags are 1-128 letters, digits, '_', '.' and '-', not starting with '.' or '-'.`,
        { input: 'tags' },
      );
    }
  }
  const promoteFrom = reader.optional('promote-from');
  if (
    promoteFrom !== undefined &&
    !isValidTag(promoteFrom) &&
    !/^sha256:[a-f0-9]{64}$/.test(promoteFrom)
  ) {
    throw new ConfigurationError(
      `Input 'promote-from' must be an image tag or a sha256:... digest, got '${promoteFrom}'.`,
      {
        input: 'promote-from',
      },
    );
  }
  if (promoteFrom !== undefined && targets.length > 1) {
    throw new ConfigurationError(
      "Input 'promote-from' retags within one repository; it cannot be used with 'additional-targets'.",
      {
        input: 'promote-from',
      },
    );
  }
  if (promoteFrom !== undefined && tagTemplates.length === 0) {
    throw new ConfigurationError(
      "Input 'tags' is required with 'promote-from': name the tags to add to the existing image.",
      { input: 'tags' },
    );
  }
  return {
    targets,
    createRepository: reader.boolean('create-repository', false),
    scanOnPush: reader.boolean('scan-on-push', true),
    tagMutability: reader.choice('tag-mutability', ['MUTABLE', 'IMMUTABLE'] as const, 'MUTABLE'),
    keepImages: reader.integer('keep-images', { default: 0, min: 0, max: 10000 }),
    tagTemplates,
    git: readGit(context.env, new Date(context.clock.now())),
    push: reader.boolean('push', true),
    promoteFrom,
    skipExistingImmutableTags: reader.boolean('skip-existing-immutable-tags', false),
    build: promoteFrom === undefined ? readBuild(reader, workspace, context.setSecret) : undefined,
    dockerCli: reader.optional('docker-cli') ?? 'docker',
    builder: promoteFrom === undefined ? readBuilder(reader) : undefined,
  };
}
