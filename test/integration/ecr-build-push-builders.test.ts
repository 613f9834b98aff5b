// ecr-build-push on the builders users' runners have (test/support/runners.ts), against the test
// bed's ECR and registry: buildx with the docker driver as on a stock hosted runner, buildx with a
// BuildKit daemon registered as docker/setup-buildx-action registers its builder, and docker
// build without buildx. Each asserts what ECR and the registry hold afterwards.
import {
  BatchGetImageCommand,
  CreateRepositoryCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetLifecyclePolicyCommand,
} from '@aws-sdk/client-ecr';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ecrBuildPush } from '../../src/actions/ecr-build-push/action.js';
import { runAction } from '../../src/core/action/run.js';
import { imagePlatforms, taskPlatform } from '../../src/core/ecr/platform.js';
import { DOCKER_CLI } from '../testbed/bed.ts';
import { TestbedControl } from '../testbed/client.ts';
import { emulatorEnv, sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { appWorkspace, pushToMainEnv, staticWorkspace } from '../support/build-context.js';
import { docker } from '../support/docker.js';
import { uniqueName } from '../support/ecs-fixtures.js';
import { recordingRuntime } from '../support/runtime.js';
import {
  RUNNER_DOCKER_CLI,
  builderVersions,
  hasSystemBuildx,
  homeWithBuildkitBuilder,
  stockRunnerHome,
} from '../support/runners.js';

const control = new TestbedControl(inject('awsEndpoint'));
const ecr = new ECRClient(sdkConfig());
const dockerHost = inject('dockerHost') ?? '';
const buildkitAddress = inject('buildkitAddress');
const ready = inject('testbed') && inject('dockerHost') !== null;
const buildersReady = ready && hasSystemBuildx() && buildkitAddress !== null;

if (ready && !buildersReady) {
  const missing = `${hasSystemBuildx() ? '' : 'docker buildx (system-wide plugin) '}${buildkitAddress === null ? 'buildkitd' : ''}`;
  if (process.env['CI'] === 'true')
    throw new Error(
      `ecr-build-push builder tests: ${missing} missing in CI; scripts/setup.sh builds them.`,
    );
  console.warn(
    `ecr-build-push builder tests: SKIPPED, ${missing}not built (scripts/setup.sh builds them from the Go module proxy).`,
  );
}

async function run(
  values: Record<string, string>,
  workspace: string,
  runner: { cli: string; env: Record<string, string> },
  accessKey = uniqueAccessKey(),
) {
  const recording = recordingRuntime(
    { 'docker-cli': runner.cli, ...values },
    {
      ...emulatorEnv(undefined, accessKey),
      ...pushToMainEnv(workspace),
      DOCKER_HOST: dockerHost,
      RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')),
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      ...runner.env,
    },
  );
  const result = await runAction(ecrBuildPush, recording.runtime);
  return { ...recording, result, log: recording.logger.messages().join('\n') };
}

async function registryWrites(mark: number, repository: string) {
  return (await control.journal(mark)).filter(
    (e) => e.kind === 'registry' && e['repository'] === repository,
  );
}

async function imagesIn(repository: string, region?: string) {
  const client = region === undefined ? ecr : new ECRClient({ ...sdkConfig(), region });
  return (
    (await client.send(new DescribeImagesCommand({ repositoryName: repository }))).imageDetails ??
    []
  ).map((image) => ({
    digest: image.imageDigest,
    tags: [...(image.imageTags ?? [])].sort(),
    mediaType: image.imageManifestMediaType,
  }));
}

describe.runIf(buildersReady)(
  `actions/ecr-build-push on the runners users have (test bed ECR and registry, ${builderVersions()}, Docker engine 20.10)`,
  () => {
    it('a stock hosted runner (buildx, docker driver): default inputs build, push with an inline cache and say how to get the registry cache; a re-run and a rebuild after pruning push nothing', async () => {
      const runner = { cli: RUNNER_DOCKER_CLI, env: { HOME: stockRunnerHome() } };
      const workspace = appWorkspace('stock', { secretCheck: false, nonce: uniqueName('n') });
      const repository = uniqueName('stock');
      // The example workflow's inputs (plus the test bed's missing bridge network).
      const first = await run(
        {
          repository,
          'create-repository': 'true',
          'keep-images': '5',
          'tag-mutability': 'MUTABLE',
          'build-network': 'none',
        },
        workspace,
        runner,
      );
      expect(first.failures).toEqual([]);
      expect(first.outputs.get('builder')).toBe('buildx');
      expect(first.outputs.get('build-cache')).toBe('inline');
      expect(first.outputs.get('pushed')).toBe('true');
      const digest = first.outputs.get('digest') ?? '';
      const notes = first.log.match(/cannot export a build cache/g) ?? [];
      expect(notes).toHaveLength(1);
      expect(first.log).toContain("buildx, builder 'default' (docker driver)");
      expect(first.log).toContain('docker/setup-buildx-action');
      expect(first.written[0]).toContain("buildx's docker driver cannot export a build cache");
      expect(await imagesIn(repository)).toEqual([
        { digest, tags: ['latest', 'main', 'sha-a1b2c3d'], mediaType: expect.any(String) },
      ]);
      // The created repository's settings, read back from ECR.
      const created = (
        await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [repository] }))
      ).repositories?.[0];
      expect(created?.imageScanningConfiguration?.scanOnPush).toBe(true);
      expect(created?.imageTagMutability).toBe('MUTABLE');
      const lifecycle = JSON.parse(
        (await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: repository })))
          .lifecyclePolicyText ?? '{}',
      ) as { rules: { selection: Record<string, unknown> }[] };
      expect(lifecycle.rules[0]?.selection).toMatchObject({
        tagStatus: 'tagged',
        countNumber: 5,
      });

      const mark = await control.mark();
      const second = await run({ repository, 'build-network': 'none' }, workspace, runner);
      expect(second.failures).toEqual([]);
      expect(second.outputs.get('pushed')).toBe('false');
      expect(second.outputs.get('digest')).toBe(digest);
      expect(await registryWrites(mark, repository)).toEqual([]);

      // Every local image and all build cache gone: the inline cache in the registry still
      // rebuilds the same image.
      const config = mkdtempSync(join(tmpdir(), 'cfg-'));
      const uri = first.outputs.get('repository-uri') ?? '';
      await docker(
        ['image', 'rm', '--force', `${uri}:latest`, `${uri}:main`, `${uri}:sha-a1b2c3d`],
        {
          host: dockerHost,
          config,
        },
      );
      await docker(['builder', 'prune', '--all', '--force'], { host: dockerHost, config });
      const third = await run({ repository, 'build-network': 'none' }, workspace, runner);
      expect(third.failures).toEqual([]);
      expect(third.outputs.get('pushed')).toBe('false');
      expect(await registryWrites(mark, repository)).toEqual([]);
    }, 240_000);

    it('a stock hosted runner refuses several platforms and a cache export before any write, saying what to set up', async () => {
      const runner = { cli: RUNNER_DOCKER_CLI, env: { HOME: stockRunnerHome() } };
      const repository = uniqueName('stock-refused');
      for (const values of [
        { platforms: 'linux/amd64,linux/arm64' },
        { 'cache-to': `type=registry,ref=x:buildcache` },
        { provenance: 'mode=max' },
      ]) {
        const accessKey = uniqueAccessKey();
        const mark = await control.mark();
        const outcome = await run(
          { repository, 'create-repository': 'true', ...values },
          staticWorkspace('refused'),
          runner,
          accessKey,
        );
        expect(outcome.failures).toHaveLength(1);
        expect(outcome.failures[0]).toMatch(
          /needs? a builder that can.*docker\/setup-buildx-action.*\(this step would build with buildx, builder 'default' \(docker driver\)\)/,
        );
        const writes = (await control.requests(mark, accessKey)).filter(
          (r) => !/^(Describe|BatchGet|List|Get)/.test(r.operation ?? ''),
        );
        expect(writes).toEqual([]);
      }
    }, 60_000);

    it('a setup-buildx-action builder (BUILDX_BUILDER, in ~/.docker/buildx; remote driver to buildkitd): the registry cache, two regions, nothing pushed when unchanged, even after pruning the builder', async () => {
      const setup = await homeWithBuildkitBuilder(dockerHost, buildkitAddress ?? '');
      const runner = { cli: RUNNER_DOCKER_CLI, env: setup.env };
      const workspace = appWorkspace('remote', { secretCheck: true, nonce: uniqueName('n') });
      const repository = uniqueName('remote');
      const values = {
        repository,
        'create-repository': 'true',
        'build-secrets': 'token=s3cret',
        'additional-targets': JSON.stringify([{ region: 'us-east-1' }]),
      };
      const first = await run(values, workspace, runner);
      expect(first.failures).toEqual([]);
      expect(first.outputs.get('builder')).toBe('buildx');
      expect(first.outputs.get('build-cache')).toBe('registry');
      expect(first.log).toContain(`buildx, builder '${setup.builder}' (remote driver)`);
      expect(first.log).not.toContain('cannot export a build cache');
      const digest = first.outputs.get('digest') ?? '';
      const images = JSON.parse(first.outputs.get('images') ?? '[]') as { image: string }[];
      expect(images.map((i) => i.image.split('@')[1])).toEqual([digest, digest]);
      for (const region of [undefined, 'us-east-1']) {
        const listed = await imagesIn(repository, region);
        expect(listed).toContainEqual({
          digest,
          tags: ['latest', 'main', 'sha-a1b2c3d'],
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
        });
      }
      // The registry cache, in the first repository only, in the form ECR takes.
      const cache = (await imagesIn(repository)).find((i) => i.tags.includes('buildcache'));
      expect(cache?.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
      expect(
        (await imagesIn(repository, 'us-east-1')).some((i) => i.tags.includes('buildcache')),
      ).toBe(false);

      const mark = await control.mark();
      const second = await run(values, workspace, runner);
      expect(second.failures).toEqual([]);
      expect(second.outputs.get('pushed')).toBe('false');
      expect(second.outputs.get('digest')).toBe(digest);
      expect(await registryWrites(mark, repository)).toEqual([]);

      await setup.prune();
      const third = await run(values, workspace, runner);
      expect(third.failures).toEqual([]);
      expect(third.log).toMatch(/CACHED|already has this image/);
      expect(third.outputs.get('pushed')).toBe('false');
      expect(third.outputs.get('digest')).toBe(digest);
      expect(await registryWrites(mark, repository)).toEqual([]);
    }, 300_000);

    it('a buildkitd builder: several platforms give an index that the platform check accepts for an ARM64 task; with provenance, a re-run still pushes nothing', async () => {
      const setup = await homeWithBuildkitBuilder(dockerHost, buildkitAddress ?? '');
      const runner = { cli: RUNNER_DOCKER_CLI, env: setup.env };
      const workspace = staticWorkspace(uniqueName('multi'));
      const repository = uniqueName('multi');
      const values = {
        repository,
        'create-repository': 'true',
        platforms: 'linux/amd64,linux/arm64',
        provenance: 'mode=min',
        tags: 'v1',
      };
      const first = await run(values, workspace, runner);
      expect(first.failures).toEqual([]);
      const digest = first.outputs.get('digest') ?? '';
      const index = (
        await ecr.send(
          new BatchGetImageCommand({
            repositoryName: repository,
            imageIds: [{ imageDigest: digest }],
          }),
        )
      ).images?.[0];
      expect(index?.imageManifestMediaType).toBe('application/vnd.oci.image.index.v1+json');
      const manifests = (
        JSON.parse(index?.imageManifest ?? '{}') as {
          manifests: {
            platform?: { architecture?: string };
            annotations?: Record<string, string>;
          }[];
        }
      ).manifests;
      expect(manifests.map((m) => m.platform?.architecture)).toEqual(
        expect.arrayContaining(['amd64', 'arm64', 'unknown']),
      );
      expect(
        manifests.filter(
          (m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest',
        ),
      ).toHaveLength(2);
      // What ecs-deploy's pre-flight reads for an ARM64 task.
      const found = await imagePlatforms(ecr, first.outputs.get('image') ?? '');
      expect(found.platforms).toEqual(
        expect.arrayContaining([
          taskPlatform({ cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' }),
        ]),
      );

      const mark = await control.mark();
      const second = await run(values, workspace, runner);
      expect(second.failures).toEqual([]);
      expect(second.outputs.get('pushed')).toBe('false');
      expect(await registryWrites(mark, repository)).toEqual([]);
    }, 240_000);

    it('a buildkitd builder: a tag that would move in an IMMUTABLE repository is refused before anything is pushed; every tag skipped is an error, not an untagged push', async () => {
      const setup = await homeWithBuildkitBuilder(dockerHost, buildkitAddress ?? '');
      const runner = { cli: RUNNER_DOCKER_CLI, env: setup.env };
      const repository = uniqueName('immutable-bx');
      await ecr.send(
        new CreateRepositoryCommand({
          repositoryName: repository,
          imageTagMutability: 'IMMUTABLE',
        }),
      );
      const first = await run({ repository, tags: 'release' }, staticWorkspace('one'), runner);
      expect(first.failures).toEqual([]);
      const mark = await control.mark();
      const moved = await run({ repository, tags: 'release' }, staticWorkspace('two'), runner);
      expect(moved.failures[0]).toMatch(
        new RegExp(
          `^Tag 'release' already names ${first.outputs.get('digest') ?? ''} in ${repository} \\(eu-west-1\\), an IMMUTABLE repository`,
        ),
      );
      const skipped = await run(
        { repository, tags: 'release', 'skip-existing-immutable-tags': 'true' },
        staticWorkspace('two'),
        runner,
      );
      expect(skipped.failures[0]).toMatch(
        /^Every tag of this build \(release\) already names another image in the IMMUTABLE repository .* Nothing was pushed\./,
      );
      expect(skipped.outputs.get('image')).toBeUndefined();
      expect(await registryWrites(mark, repository)).toEqual([]);
      // One image: nothing untagged was pushed, and no registry cache in an IMMUTABLE repository
      // (ECR would refuse to move its tag), which the log says.
      expect(await imagesIn(repository)).toEqual([
        expect.objectContaining({ digest: first.outputs.get('digest'), tags: ['release'] }),
      ]);
      expect(first.outputs.get('build-cache')).toBe('none');
      expect(first.log).toContain('No registry cache: ');
    }, 180_000);

    it('a failing build names its Dockerfile line, step and output on each builder, and pushes nothing', async () => {
      const setup = await homeWithBuildkitBuilder(dockerHost, buildkitAddress ?? '');
      for (const runner of [
        { cli: RUNNER_DOCKER_CLI, env: { HOME: stockRunnerHome() } },
        { cli: RUNNER_DOCKER_CLI, env: setup.env },
      ]) {
        const repository = uniqueName('broken-bx');
        const mark = await control.mark();
        const failed = await run(
          { repository, 'create-repository': 'true', 'build-network': 'none' },
          appWorkspace('x', { fail: true }),
          runner,
        );
        expect(failed.failures[0]).toMatch(
          /^The image build failed: (Dockerfile:3, )?\[\d\/\d\] RUN .*: the build step fails on purpose \(exit code: 7\)\. Nothing was pushed\./,
        );
        expect(await registryWrites(mark, repository)).toEqual([]);
      }
    }, 120_000);

    it('a builder named in `builder` that buildx does not know fails before any write, saying how to set one up', async () => {
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const outcome = await run(
        { repository: uniqueName('nobuilder'), 'create-repository': 'true', builder: 'ci-builder' },
        staticWorkspace('x'),
        { cli: RUNNER_DOCKER_CLI, env: { HOME: stockRunnerHome() } },
        accessKey,
      );
      expect(outcome.failures[0]).toMatch(
        /^docker buildx cannot find the builder 'ci-builder'.*setup-buildx-action/,
      );
      const writes = (await control.requests(mark, accessKey)).filter(
        (r) => !/^(Describe|BatchGet|List|Get)/.test(r.operation ?? ''),
      );
      expect(writes).toEqual([]);
    });

    it('`builder: engine` on a runner with buildx: the legacy builder of the Docker 28 CLI and BuildKit of the 20.10 CLI, each pushing', async () => {
      for (const [cli, path] of [
        [RUNNER_DOCKER_CLI, 'legacy'],
        [DOCKER_CLI, 'buildkit'],
      ] as const) {
        const repository = uniqueName(`engine-${path}`);
        const outcome = await run(
          { repository, 'create-repository': 'true', builder: 'engine', 'build-network': 'none' },
          appWorkspace(path, { secretCheck: false, nonce: uniqueName('n') }),
          { cli, env: { HOME: stockRunnerHome() } },
        );
        expect(outcome.failures).toEqual([]);
        expect(outcome.outputs.get('builder')).toBe(path);
        expect(await imagesIn(repository)).toEqual([
          expect.objectContaining({ digest: outcome.outputs.get('digest') }),
        ]);
      }
    }, 180_000);
  },
);
