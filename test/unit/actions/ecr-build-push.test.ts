import {
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
} from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type BuilderInfo,
  buildFailure,
  builderProblem,
  capabilities,
  parseBuildxInspect,
  planCache,
} from '../../../src/actions/ecr-build-push/builder.js';
import { detectBuilder } from '../../../src/actions/ecr-build-push/docker.js';
import { type ExistingImage, namesImage } from '../../../src/actions/ecr-build-push/execute.js';
import type { BuildInputs, BuildPushInputs } from '../../../src/actions/ecr-build-push/inputs.js';
import {
  type BuildPushPlan,
  type ObservedTarget,
  buildCommand,
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
  provenance: 'false',
  sbom: false,
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
  builder: undefined,
  ...overrides,
});
const uri = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web';
const files = {
  secretFiles: { npmrc: '/tmp/s/npmrc' },
  iidFile: '/tmp/s/iid',
  metadataFile: '/tmp/s/meta.json',
};

const builder = (overrides: Partial<BuilderInfo>): BuilderInfo => ({
  path: 'buildx',
  clientVersion: '28.2.2',
  name: 'default',
  driver: 'docker',
  containerdStore: false,
  ...overrides,
});
const stockRunner = builder({});
const buildkitd = builder({ name: 'builder-1a2b', driver: 'remote' });
const engineBuildKit = builder({
  path: 'buildkit',
  clientVersion: '20.10.24',
  name: undefined,
  driver: undefined,
});
const legacy = builder({ path: 'legacy', name: undefined, driver: undefined });

describe('builders', () => {
  it.each([
    [
      'buildx, docker driver (a stock hosted runner)',
      stockRunner,
      [false, false, false, true, true],
    ],
    [
      'buildx, docker driver on the containerd image store',
      builder({ containerdStore: true }),
      [true, true, true, true, false],
    ],
    [
      'buildx, docker-container driver',
      builder({ driver: 'docker-container' }),
      [true, true, true, true, false],
    ],
    ['buildx, remote driver (buildkitd)', buildkitd, [true, true, true, true, false]],
    ['docker build with BuildKit', engineBuildKit, [false, false, false, true, true]],
    ['the legacy builder', legacy, [false, false, false, false, true]],
  ] as [string, BuilderInfo, boolean[]][])(
    '%s: cache export, platforms, attestations, secrets, into the engine',
    (_, info, expected) => {
      const can = capabilities(info);
      expect([
        can.exportsCache,
        can.multiPlatform,
        can.attestations,
        can.secrets,
        can.intoEngine,
      ]).toEqual(expected);
    },
  );

  it.each([
    [stockRunner, { push: true }, 'inline', [`type=registry,ref=${uri}:main`], ['type=inline']],
    [
      buildkitd,
      { push: true },
      'registry',
      [`type=registry,ref=${uri}:buildcache`],
      [`type=registry,ref=${uri}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true`],
    ],
    [buildkitd, { push: false }, 'registry', [`type=registry,ref=${uri}:buildcache`], []],
    [buildkitd, { registryCache: false }, 'none', [], []],
    [buildkitd, { cacheTo: ['type=local,dest=/c'] }, 'custom', [], ['type=local,dest=/c']],
    [engineBuildKit, { push: true }, 'inline', [`${uri}:main`], []],
    [legacy, { push: true }, 'images', [`${uri}:main`], []],
    [legacy, { registryCache: false }, 'none', [], []],
  ] as [BuilderInfo, Partial<BuildInputs> & { push?: boolean }, string, string[], string[]][])(
    'cache for %j with %j: %s',
    (info, options, kind, from, to) => {
      const { push = true, ...overrides } = options;
      const cache = planCache({ ...build, ...overrides }, info, {
        push,
        repositoryUri: uri,
        tags: ['main'],
      });
      expect(cache).toMatchObject({ kind, from, to });
      // A builder that cannot export says so once, with the way to get the registry cache.
      if (kind === 'inline' || kind === 'images')
        expect(cache.note).toMatch(/cannot export a build cache.*docker\/setup-buildx-action/);
      else expect(cache.note).toBeUndefined();
    },
  );

  it.each([
    [
      'several platforms',
      { platforms: ['linux/amd64', 'linux/arm64'] },
      stockRunner,
      /^building for several platforms .* add docker\/setup-buildx-action/,
    ],
    [
      'several platforms',
      { platforms: ['linux/amd64', 'linux/arm64'] },
      engineBuildKit,
      /^building for several platforms .* install docker buildx/,
    ],
    ['several platforms', { platforms: ['linux/amd64', 'linux/arm64'] }, buildkitd, undefined],
    [
      'a cache export',
      { cacheTo: ['type=registry,ref=x'] },
      stockRunner,
      /^exporting a build cache \(cache-to\) needs a builder that can/,
    ],
    ['a cache export', { cacheTo: ['type=registry,ref=x'] }, buildkitd, undefined],
    [
      'provenance',
      { provenance: 'mode=max' },
      stockRunner,
      /^provenance and SBOM attestations need/,
    ],
    ['an SBOM', { sbom: true }, legacy, /^provenance and SBOM attestations need/],
    ['provenance', { provenance: 'true' }, buildkitd, undefined],
    ['build secrets', { secrets: { token: 'x' } }, legacy, /^build secrets need BuildKit/],
    ['build secrets', { secrets: { token: 'x' } }, engineBuildKit, undefined],
    ['build secrets', { secrets: { token: 'x' } }, stockRunner, undefined],
  ] as [string, Partial<BuildInputs>, BuilderInfo, RegExp | undefined][])(
    'knows whether %s can be built by %j',
    (_, overrides, info, problem) => {
      const found = builderProblem({ ...build, ...overrides }, info);
      if (problem === undefined) expect(found).toBeUndefined();
      else expect(found).toMatch(problem);
    },
  );

  it('reads the builder name and driver from docker buildx inspect', () => {
    expect(
      parseBuildxInspect('Name:   default\nDriver: docker\n\nNodes:\nName:  default\n'),
    ).toEqual({
      name: 'default',
      driver: 'docker',
    });
    expect(parseBuildxInspect('ERROR: no builder "x" found')).toBeUndefined();
  });

  const fakeDocker = (answers: Record<string, { code: number; stdout: string }>) => {
    const calls: string[][] = [];
    return {
      calls,
      docker: {
        run: (args: string[]) => {
          calls.push(args);
          const key = args.slice(0, 2).join(' ');
          return Promise.resolve({ stderr: '', ...(answers[key] ?? { code: 1, stdout: '' }) });
        },
      },
    };
  };

  it.each([
    [
      'a stock runner (buildx, docker driver)',
      '28.2.2',
      true,
      'Name: default\nDriver: docker',
      undefined,
      { path: 'buildx', name: 'default', driver: 'docker', containerdStore: false },
    ],
    [
      'a setup-buildx-action builder',
      '28.2.2',
      true,
      'Name: builder-1a\nDriver: docker-container',
      'builder-1a',
      { path: 'buildx', name: 'builder-1a', driver: 'docker-container' },
    ],
    ['buildx asked to step aside', '28.2.2', true, '', 'engine', { path: 'legacy' }],
    ['an old CLI without buildx', '20.10.24+dfsg1', false, '', undefined, { path: 'buildkit' }],
    ['a new CLI without buildx', '28.2.2', false, '', undefined, { path: 'legacy' }],
  ] as [string, string, boolean, string, string | undefined, Partial<BuilderInfo>][])(
    'detects %s',
    async (_, version, hasBuildx, inspect, requested, expected) => {
      const fake = fakeDocker({
        'version --format': { code: 0, stdout: `${version}\n` },
        'buildx version': { code: hasBuildx ? 0 : 1, stdout: '' },
        'buildx inspect': { code: inspect === '' ? 1 : 0, stdout: inspect },
        'info --format': { code: 0, stdout: '[["Backing Filesystem","extfs"]]' },
      });
      expect(await detectBuilder(fake.docker, requested)).toMatchObject(expected);
    },
  );

  it('refuses a named builder that buildx does not know, or a buildx builder without buildx, naming what to do', async () => {
    const noSuchBuilder = fakeDocker({
      'version --format': { code: 0, stdout: '28.2.2' },
      'buildx version': { code: 0, stdout: '' },
      'buildx inspect': { code: 1, stdout: '' },
    });
    await expect(detectBuilder(noSuchBuilder.docker, 'ci')).rejects.toThrow(
      /cannot find the builder 'ci'.*docker\/setup-buildx-action/,
    );
    expect(noSuchBuilder.calls).toContainEqual(['buildx', 'inspect', 'ci']);
    const noBuildx = fakeDocker({
      'version --format': { code: 0, stdout: '20.10.24' },
      'buildx version': { code: 1, stdout: '' },
    });
    await expect(detectBuilder(noBuildx.docker, 'ci')).rejects.toThrow(/has no buildx plugin/);
  });

  it('sees the containerd image store behind the docker driver', async () => {
    const fake = fakeDocker({
      'version --format': { code: 0, stdout: '28.2.2' },
      'buildx version': { code: 0, stdout: '' },
      'buildx inspect': { code: 0, stdout: 'Name: default\nDriver: docker' },
      'info --format': { code: 0, stdout: '[["driver-type","io.containerd.snapshotter.v1"]]' },
    });
    expect((await detectBuilder(fake.docker, undefined)).containerdStore).toBe(true);
  });

  it.each([
    [
      'BuildKit (buildx)',
      [
        '------',
        ' > importing cache manifest from 127.0.0.1:5000/web:main:',
        '------',
        '#6 [2/3] RUN ["/bin/busybox", "sh", "-c", "echo no >&2; exit 7"]',
        '#6 0.131 the build step fails on purpose',
        '#6 ERROR: process "/bin/busybox sh -c echo no >&2; exit 7" did not complete successfully: exit code: 7',
        '------',
        ' > [2/3] RUN ["/bin/busybox", "sh", "-c", "echo no >&2; exit 7"]:',
        '0.131 the build step fails on purpose',
        '------',
        'Dockerfile:3',
        '--------------------',
        '   3 | >>> RUN ["/bin/busybox", "sh", "-c", "echo no >&2; exit 7"]',
        '--------------------',
        'ERROR: failed to build: failed to solve: process "/bin/busybox sh -c echo no >&2; exit 7" did not complete successfully: exit code: 7',
        'View build details: docker-desktop://dashboard/build/default/default/x',
      ],
      'Dockerfile:3, [2/3] RUN ["/bin/busybox", "sh", "-c", "echo no >&2; exit 7"]: the build step fails on purpose (exit code: 7)',
    ],
    [
      'the legacy builder',
      [
        'Step 3/4 : RUN ["/bin/busybox", "sh", "-c", "exit 7"]',
        ' ---> Running in 1f2e3d',
        'the build step fails on purpose',
        "The command '/bin/busybox sh -c exit 7' returned a non-zero code: 7",
      ],
      'Step 3/4 : RUN ["/bin/busybox", "sh", "-c", "exit 7"]: the build step fails on purpose (exit code: 7)',
    ],
    [
      'a builder that cannot do what was asked',
      [
        'ERROR: failed to build: Cache export is not supported for the docker driver.',
        'Switch to a different driver, or turn on the containerd image store, and try again.',
        'Learn more at https://docs.docker.com/go/build-cache-backends/',
      ],
      'failed to build: Cache export is not supported for the docker driver.',
    ],
  ])('names the failing step of %s, not the "Learn more" line', (_, output, expected) => {
    expect(buildFailure(output.join('\n'))).toBe(expected);
  });
});

describe('build commands', () => {
  const plan = (overrides: Partial<BuildPushPlan> = {}): BuildPushPlan => ({
    ...planBuildPush(inputs(), [target()]),
    ...overrides,
  });

  it('docker build tags locally, uses the last pushed images as cache, and writes the image id', () => {
    expect(buildCommand(plan(), engineBuildKit, files)).toEqual([
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
      `${uri}:sha-a1b2c3d`,
      '--tag',
      `${uri}:main`,
      '--tag',
      `${uri}:latest`,
      '--cache-from',
      `${uri}:sha-a1b2c3d`,
      '--cache-from',
      `${uri}:main`,
      '--cache-from',
      `${uri}:latest`,
      '--build-arg',
      'BUILDKIT_INLINE_CACHE=1',
      '--iidfile',
      '/tmp/s/iid',
      '/w/app',
    ]);
    expect(buildCommand(plan(), legacy, files)).not.toContain('BUILDKIT_INLINE_CACHE=1');
  });

  it('buildx on the docker driver loads into the engine with an inline cache, no registry cache and no attestations', () => {
    const args = buildCommand(plan(), stockRunner, files);
    expect(args.slice(0, 4)).toEqual(['buildx', 'build', '--builder', 'default']);
    expect(args).toEqual(
      expect.arrayContaining([
        '--provenance=false',
        '--sbom=false',
        '--cache-to',
        'type=inline',
        '--cache-from',
        `type=registry,ref=${uri}:main`,
        '--load',
        '--iidfile',
        '/tmp/s/iid',
        '--tag',
        `${uri}:latest`,
      ]),
    );
    expect(args.join(' ')).not.toContain('buildcache');
    expect(args).not.toContain('--output');
  });

  it('buildx on an exporting builder checks without pushing or exporting a cache, then pushes by digest to every target with the registry cache', () => {
    const multi = planBuildPush(
      inputs({
        build: { ...build, platforms: ['linux/amd64', 'linux/arm64'], provenance: 'mode=max' },
      }),
      [
        target(),
        target({
          region: 'us-east-1',
          repositoryUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web',
        }),
      ],
    );
    const names = `"name=${uri},123456789012.dkr.ecr.us-east-1.amazonaws.com/web"`;
    const check = buildCommand(multi, buildkitd, files, 'check');
    const push = buildCommand(multi, buildkitd, files, 'push');
    for (const args of [check, push]) {
      expect(args.slice(0, 4)).toEqual(['buildx', 'build', '--builder', 'builder-1a2b']);
      expect(args).toEqual(
        expect.arrayContaining([
          '--platform',
          'linux/amd64,linux/arm64',
          '--cache-from',
          `type=registry,ref=${uri}:buildcache`,
          '--metadata-file',
          '/tmp/s/meta.json',
        ]),
      );
      expect(args).not.toContain('--tag');
      expect(args).not.toContain('--load');
    }
    expect(check).toEqual(
      expect.arrayContaining([
        '--provenance=false',
        '--output',
        `type=image,${names},push-by-digest=true,name-canonical=true,oci-mediatypes=true,push=false`,
      ]),
    );
    expect(check).not.toContain('--cache-to');
    expect(push).toEqual(
      expect.arrayContaining([
        '--provenance=mode=max',
        '--cache-to',
        `type=registry,ref=${uri}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true`,
        '--output',
        `type=image,${names},push-by-digest=true,name-canonical=true,oci-mediatypes=true,push=true`,
      ]),
    );
  });

  it('buildx without push loads a single-platform image instead', () => {
    const args = buildCommand({ ...plan(), push: false }, buildkitd, files);
    expect(args).toEqual(expect.arrayContaining(['--load', '--tag', `${uri}:sha-a1b2c3d`]));
    expect(args).not.toContain('--cache-to');
  });

  const existing = (manifest: object, digest = 'sha256:index'): ExistingImage => ({
    digest,
    manifest: JSON.stringify(manifest),
    mediaType: 'application/vnd.oci.image.index.v1+json',
  });
  it.each([
    ['the same digest', existing({}, 'sha256:built'), true],
    ['another image', existing({}, 'sha256:other'), false],
    [
      'an index of this image and its provenance',
      existing({
        manifests: [
          { digest: 'sha256:built' },
          {
            digest: 'sha256:att',
            annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
          },
        ],
      }),
      true,
    ],
    [
      'an index of this image and another platform',
      existing({ manifests: [{ digest: 'sha256:built' }, { digest: 'sha256:arm' }] }),
      false,
    ],
  ])('knows a tag names the built image when it is %s', (_, image, expected) => {
    expect(namesImage(image, ['sha256:built'])).toBe(expected);
  });

  it('knows a multi-platform image by its platform manifests, whatever attestations its index has', () => {
    const index = existing({
      manifests: [
        { digest: 'sha256:amd' },
        { digest: 'sha256:arm' },
        {
          digest: 'sha256:a1',
          annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
        },
        {
          digest: 'sha256:a2',
          annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
        },
      ],
    });
    expect(namesImage(index, ['sha256:arm', 'sha256:amd'])).toBe(true);
    expect(namesImage(index, ['sha256:amd', 'sha256:new'])).toBe(false);
    expect(namesImage(index, ['sha256:amd'])).toBe(false);
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

  it.each([
    [30, false, 30],
    [30, true, 31],
  ])(
    'writes a lifecycle policy keeping the last %i tagged images (registry cache: %s, counted %i)',
    (keep, registryCache, counted) => {
      // Untagged manifests (an index's platforms, attestations) do not count and are not expired.
      expect(JSON.parse(lifecyclePolicy(keep, registryCache))).toMatchObject({
        rules: [
          {
            selection: {
              tagStatus: 'tagged',
              tagPatternList: ['*'],
              countType: 'imageCountMoreThan',
              countNumber: counted,
            },
            action: { type: 'expire' },
          },
        ],
      });
    },
  );
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
    const { observeTargets } = await import('../../../src/actions/ecr-build-push/observe.js');
    const client = new ECRClient({ region: 'eu-west-1' });
    const [observed] = await observeTargets(
      [{ region: 'eu-west-1', registryId: undefined, repository: 'web' }],
      () => client,
    );
    expect(observed?.exists).toBe(false);
  });
});
