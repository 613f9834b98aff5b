import {
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { detectBuilder } from '../../../src/actions/ecr-build-push/docker.js';
import type { BuildInputs, BuildPushInputs } from '../../../src/actions/ecr-build-push/inputs.js';
import {
  type BuildPushPlan,
  type Builder,
  type ObservedTarget,
  buildCommand,
  builderProblem,
  lifecyclePolicy,
  planBuildPush,
  resolveTags,
} from '../../../src/actions/ecr-build-push/plan.js';
import { registryLogin } from '../../../src/core/ecr/login.js';
import {
  type GitContext,
  defaultTags,
  expandTemplate,
  sanitizeTag,
  semverTags,
} from '../../../src/core/ecr/tags.js';

const sha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const git = (overrides: Partial<GitContext>): GitContext => ({
  eventName: 'push',
  ref: 'refs/heads/main',
  sha,
  defaultBranch: 'main',
  pullRequestNumber: undefined,
  runNumber: '42',
  runAttempt: '1',
  now: new Date('2026-11-20T10:00:00Z'),
  ...overrides,
});

describe('default tags from the event', () => {
  it.each([
    ['a push to the default branch', {}, ['sha-a1b2c3d', 'main', 'latest']],
    [
      'a push to another branch',
      { ref: 'refs/heads/feature/Login-2' },
      ['sha-a1b2c3d', 'feature-Login-2'],
    ],
    [
      'a workflow_dispatch on main',
      { eventName: 'workflow_dispatch' },
      ['sha-a1b2c3d', 'main', 'latest'],
    ],
    [
      'a workflow_dispatch on a branch',
      { eventName: 'workflow_dispatch', ref: 'refs/heads/hotfix' },
      ['sha-a1b2c3d', 'hotfix'],
    ],
    ['a semver tag', { ref: 'refs/tags/v1.2.3' }, ['sha-a1b2c3d', '1.2.3', '1.2', '1']],
    ['a 0.x semver tag', { ref: 'refs/tags/v0.4.1' }, ['sha-a1b2c3d', '0.4.1', '0.4']],
    ['a pre-release tag', { ref: 'refs/tags/v2.0.0-rc.1' }, ['sha-a1b2c3d', '2.0.0-rc.1']],
    ['a non-semver tag', { ref: 'refs/tags/release/2026-11' }, ['sha-a1b2c3d', 'release-2026-11']],
    [
      'a pull request',
      { eventName: 'pull_request', ref: 'refs/pull/17/merge', pullRequestNumber: 17 },
      ['sha-a1b2c3d', 'pr-17'],
    ],
    ['an unknown default branch', { defaultBranch: undefined }, ['sha-a1b2c3d', 'main']],
  ])('%s', (_, overrides, tags) => {
    expect(defaultTags(git(overrides))).toEqual(tags);
  });

  it.each([
    ['{{short_sha}}', {}, 'a1b2c3d'],
    ['build-{{run_number}}.{{run_attempt}}', {}, 'build-42.1'],
    ['{{branch}}-{{date}}', {}, 'main-20261120'],
    ['v{{version}}', { ref: 'refs/tags/v3.1.0' }, 'v3.1.0'],
    ['v{{version}}', {}, undefined],
    ['static', {}, 'static'],
  ])('expands %j', (template, overrides, expected) => {
    expect(expandTemplate(template, git(overrides))).toBe(expected);
  });

  it.each([
    ['feature/x', 'feature-x'],
    ['-leading', 'leading'],
    ['dots..ok', 'dots..ok'],
    ['ümlaut', 'mlaut'],
    ['a'.repeat(200), 'a'.repeat(128)],
  ])('sanitizes %j', (text, tag) => {
    expect(sanitizeTag(text)).toBe(tag);
  });

  it('knows semver', () => {
    expect(semverTags('1.2.3+build.5')).toEqual(['1.2.3', '1.2', '1']);
    expect(semverTags('v1.2')).toBeUndefined();
  });

  it('skips templates with no value and fails when none is left', () => {
    expect(
      resolveTags({ tagTemplates: ['v{{version}}', 'main-{{short_sha}}'], git: git({}) }),
    ).toEqual({
      tags: ['main-a1b2c3d'],
      skipped: ['v{{version}}'],
    });
    expect(() => resolveTags({ tagTemplates: ['v{{version}}'], git: git({}) })).toThrow(
      "Input 'tags': no tag has a value in this run",
    );
  });
});

const build: BuildInputs = {
  context: '/w/app',
  dockerfile: '/w/app/Dockerfile',
  target: 'runtime',
  buildArgs: { VERSION: '1.2.3' },
  labels: { 'org.opencontainers.image.revision': sha },
  platforms: [],
  secrets: {},
  secretFiles: {},
  network: undefined,
  cacheFrom: [],
  cacheTo: [],
  registryCache: true,
};
const target = (overrides: Partial<ObservedTarget> = {}): ObservedTarget => ({
  region: 'eu-west-1',
  registryId: '123456789012',
  repository: 'web',
  exists: true,
  repositoryUri: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web',
  repositoryArn: 'arn:aws:ecr:eu-west-1:123456789012:repository/web',
  mutability: 'MUTABLE',
  ...overrides,
});
const inputs = (overrides: Partial<BuildPushInputs> = {}): BuildPushInputs => ({
  targets: [{ region: 'eu-west-1', registryId: undefined, repository: 'web' }],
  createRepository: false,
  scanOnPush: true,
  tagMutability: 'MUTABLE',
  keepImages: 0,
  tagTemplates: [],
  git: git({}),
  push: true,
  promoteFrom: undefined,
  skipExistingImmutableTags: false,
  build,
  dockerCli: 'docker',
  ...overrides,
});
const files = {
  secretFiles: { npmrc: '/tmp/s/npmrc' },
  iidFile: '/tmp/s/iid',
  metadataFile: '/tmp/s/meta.json',
};

describe('build commands', () => {
  const plan = (overrides: Partial<BuildPushPlan> = {}): BuildPushPlan => ({
    ...planBuildPush(inputs(), [target()]),
    ...overrides,
  });

  it('legacy and BuildKit builders tag locally, use the last pushed images as cache, and write the image id', () => {
    expect(buildCommand(plan(), 'buildkit', files)).toEqual([
      'build',
      '--file',
      '/w/app/Dockerfile',
      '--target',
      'runtime',
      '--build-arg',
      'VERSION=1.2.3',
      '--label',
      `org.opencontainers.image.revision=${sha}`,
      '--secret',
      'id=npmrc,src=/tmp/s/npmrc',
      '--tag',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:sha-a1b2c3d',
      '--tag',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:main',
      '--tag',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:latest',
      '--cache-from',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:sha-a1b2c3d',
      '--cache-from',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:main',
      '--cache-from',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:latest',
      '--build-arg',
      'BUILDKIT_INLINE_CACHE=1',
      '--iidfile',
      '/tmp/s/iid',
      '/w/app',
    ]);
    expect(buildCommand(plan(), 'legacy', files)).not.toContain('BUILDKIT_INLINE_CACHE=1');
  });

  it('buildx pushes by digest to every target, for several platforms, with an ECR-compatible registry cache', () => {
    const multi = planBuildPush(
      inputs({ build: { ...build, platforms: ['linux/amd64', 'linux/arm64'] } }),
      [
        target(),
        target({
          region: 'us-east-1',
          repositoryUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web',
        }),
      ],
    );
    const args = buildCommand(multi, 'buildx', files);
    expect(args.slice(0, 2)).toEqual(['buildx', 'build']);
    expect(args).toEqual(expect.arrayContaining(['--platform', 'linux/amd64,linux/arm64']));
    expect(args).toEqual(
      expect.arrayContaining([
        '--cache-from',
        'type=registry,ref=123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:buildcache',
        '--cache-to',
        'type=registry,ref=123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:buildcache,mode=max,image-manifest=true,oci-mediatypes=true',
        '--metadata-file',
        '/tmp/s/meta.json',
        '--output',
        'type=image,"name=123456789012.dkr.ecr.eu-west-1.amazonaws.com/web,123456789012.dkr.ecr.us-east-1.amazonaws.com/web",push-by-digest=true,name-canonical=true,push=true',
      ]),
    );
    expect(args).not.toContain('--tag');
  });

  it('buildx without push loads a single-platform image instead', () => {
    const args = buildCommand({ ...plan(), push: false }, 'buildx', files);
    expect(args).toEqual(
      expect.arrayContaining([
        '--load',
        '--tag',
        '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:sha-a1b2c3d',
      ]),
    );
    expect(args).not.toContain('--cache-to');
  });

  it.each([
    [
      'several platforms',
      { platforms: ['linux/amd64', 'linux/arm64'] },
      'buildkit',
      /several platforms .* needs docker buildx/,
    ],
    [
      'a cache export',
      { cacheTo: ['type=registry,ref=x'] },
      'legacy',
      /cache-to\) needs docker buildx/,
    ],
    ['build secrets', { secrets: { token: 'x' } }, 'legacy', /^build secrets need BuildKit/],
    ['build secrets with BuildKit', { secrets: { token: 'x' } }, 'buildkit', undefined],
  ] as [string, Partial<BuildInputs>, Builder, RegExp | undefined][])(
    'knows when %s need another builder',
    (_, overrides, builder, problem) => {
      const found = builderProblem({ ...build, ...overrides }, builder);
      if (problem === undefined) expect(found).toBeUndefined();
      else expect(found).toMatch(problem);
    },
  );

  it('detects buildx, BuildKit through an old CLI, or the legacy builder', async () => {
    const fake = (version: string, buildx: boolean) => ({
      run: (args: string[]) =>
        Promise.resolve(
          args[0] === 'buildx'
            ? { code: buildx ? 0 : 1, stdout: '', stderr: '' }
            : { code: 0, stdout: `${version}\n`, stderr: '' },
        ),
    });
    expect((await detectBuilder(fake('28.2.2', true))).builder).toBe('buildx');
    expect((await detectBuilder(fake('20.10.24+dfsg1', false))).builder).toBe('buildkit');
    expect((await detectBuilder(fake('28.2.2', false))).builder).toBe('legacy');
  });
});

describe('plan', () => {
  it('fails before anything changes when the repository is missing and may not be created', () => {
    expect(() =>
      planBuildPush(inputs(), [
        target({ exists: false, repositoryUri: undefined, repositoryArn: undefined }),
      ]),
    ).toThrow(
      "Repository web in eu-west-1 does not exist. Create it, or set 'create-repository: true' to let this step create it.",
    );
  });

  it('asks for exactly the ECR actions of a push, and CreateRepository only when creating', () => {
    const existing = planBuildPush(inputs(), [target()]);
    expect(existing.permissions.filter((p) => p.write).map((p) => p.action)).toEqual([
      'ecr:BatchCheckLayerAvailability',
      'ecr:InitiateLayerUpload',
      'ecr:UploadLayerPart',
      'ecr:CompleteLayerUpload',
      'ecr:PutImage',
    ]);
    expect(
      existing.permissions.every(
        (p) =>
          p.resource === 'arn:aws:ecr:eu-west-1:123456789012:repository/web' ||
          p.action === 'ecr:GetAuthorizationToken',
      ),
    ).toBe(true);
    const creating = planBuildPush(inputs({ createRepository: true, keepImages: 30 }), [
      target({ exists: false, repositoryArn: undefined }),
    ]);
    expect(creating.permissions.map((p) => p.action)).toEqual(
      expect.arrayContaining(['ecr:CreateRepository', 'ecr:PutLifecyclePolicy']),
    );
    const promoting = planBuildPush(
      inputs({ promoteFrom: 'build-1', tagTemplates: ['prod'], build: undefined }),
      [target()],
    );
    expect(promoting.permissions.filter((p) => p.write).map((p) => p.action)).toEqual([
      'ecr:PutImage',
    ]);
  });

  it('writes a lifecycle policy keeping the last N images', () => {
    expect(JSON.parse(lifecyclePolicy(30))).toMatchObject({
      rules: [
        {
          selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 },
          action: { type: 'expire' },
        },
      ],
    });
  });
});

const ecr = mockClient(ECRClient);
afterEach(() => {
  ecr.reset();
});

describe('registry login', () => {
  it('masks the password, the AWS: token and their URL-encoded forms before returning them', async () => {
    const password = 'eyJwYXlsb2FkIjoi+/=';
    const token = Buffer.from(`AWS:${password}`).toString('base64');
    ecr.on(GetAuthorizationTokenCommand).resolves({
      authorizationData: [
        {
          authorizationToken: token,
          proxyEndpoint: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com',
        },
      ],
    });
    const masked: string[] = [];
    const login = await registryLogin(new ECRClient({ region: 'eu-west-1' }), (s) =>
      masked.push(s),
    );
    expect(login).toMatchObject({
      server: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
      username: 'AWS',
      password,
    });
    expect(masked).toEqual([
      token,
      password,
      encodeURIComponent(token),
      encodeURIComponent(password),
    ]);
  });

  it('reads a missing repository as "does not exist" (and not as an error)', async () => {
    ecr.on(DescribeRepositoriesCommand).rejects(
      Object.assign(new Error('not found'), {
        name: 'RepositoryNotFoundException',
        $metadata: {},
      }),
    );
    const { observeTargets } = await import('../../../src/actions/ecr-build-push/execute.js');
    const client = new ECRClient({ region: 'eu-west-1' });
    const [observed] = await observeTargets(
      [{ region: 'eu-west-1', registryId: undefined, repository: 'web' }],
      () => client,
    );
    expect(observed?.exists).toBe(false);
  });
});
