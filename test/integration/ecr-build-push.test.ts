import { CreateRepositoryCommand, DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ecrBuildPush } from '../../src/actions/ecr-build-push/action.js';
import { runAction } from '../../src/core/action/run.js';
import { DOCKER_CLI } from '../testbed/bed.ts';
import { TestbedControl } from '../testbed/client.ts';
import { emulatorEnv, sdkConfig, uniqueAccessKey } from '../support/aws-env.js';
import { appWorkspace, pushToMainEnv } from '../support/build-context.js';
import { docker } from '../support/docker.js';
import { uniqueName } from '../support/ecs-fixtures.js';
import { recordingRuntime } from '../support/runtime.js';

const control = new TestbedControl(inject('awsEndpoint'));
const ecr = new ECRClient(sdkConfig());
const dockerHost = inject('dockerHost') ?? '';

async function run(
  values: Record<string, string>,
  workspace: string,
  accessKey = uniqueAccessKey(),
) {
  const recording = recordingRuntime(
    { 'docker-cli': DOCKER_CLI, 'build-network': 'none', builder: 'engine', ...values },
    {
      ...emulatorEnv(undefined, accessKey),
      ...pushToMainEnv(workspace),
      DOCKER_HOST: dockerHost,
      RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')),
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
    },
  );
  const result = await runAction(ecrBuildPush, recording.runtime);
  return { ...recording, result };
}

/** Registry writes (blob uploads, manifest PUTs) to one repository since `mark`. */
async function registryWrites(mark: number, repository: string) {
  return (await control.journal(mark)).filter(
    (e) => e.kind === 'registry' && e['repository'] === repository,
  );
}

describe.runIf(inject('testbed') && inject('dockerHost') !== null)(
  'actions/ecr-build-push on the test bed (real Docker build, real registry)',
  () => {
    it('builds with a BuildKit secret, pushes the default tags, and a re-run pushes nothing, even after the image cache is pruned', async () => {
      const workspace = appWorkspace('hello', { nonce: uniqueName('nonce') });
      const repository = uniqueName('web');
      const first = await run(
        { repository, 'create-repository': 'true', 'build-secrets': 'token=s3cret' },
        workspace,
      );
      expect(first.failures).toEqual([]);
      expect(first.secrets).toContain('s3cret');
      const digest = first.outputs.get('digest') ?? '';
      expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(first.outputs.get('image')).toBe(
        `${first.outputs.get('repository-uri') ?? ''}@${digest}`,
      );
      expect(first.outputs.get('pushed')).toBe('true');
      expect(first.outputs.get('builder')).toBe('buildkit');
      expect(JSON.parse(first.outputs.get('tags') ?? '[]')).toEqual([
        'sha-a1b2c3d',
        'main',
        'latest',
      ]);
      const images =
        (await ecr.send(new DescribeImagesCommand({ repositoryName: repository }))).imageDetails ??
        [];
      expect(images.map((i) => [i.imageDigest, [...(i.imageTags ?? [])].sort()])).toEqual([
        [digest, ['latest', 'main', 'sha-a1b2c3d']],
      ]);
      expect(first.written[0]).toMatch(
        /\| pushed \| BuildKit through docker build \(docker 20\.10/,
      );

      const mark = await control.mark();
      const second = await run({ repository, 'build-secrets': 'token=s3cret' }, workspace);
      expect(second.failures).toEqual([]);
      expect(second.outputs.get('pushed')).toBe('false');
      expect(second.outputs.get('digest')).toBe(digest);
      expect(await registryWrites(mark, repository)).toEqual([]);

      // Remove every local copy and all build cache: the registry must still serve as cache.
      const config = mkdtempSync(join(tmpdir(), 'cfg-'));
      await docker(
        [
          'image',
          'rm',
          '--force',
          ...['sha-a1b2c3d', 'main', 'latest'].map(
            (t) => `${first.outputs.get('repository-uri') ?? ''}:${t}`,
          ),
        ],
        { host: dockerHost, config },
      );
      await docker(['builder', 'prune', '--all', '--force'], { host: dockerHost, config });
      const third = await run({ repository, 'build-secrets': 'token=s3cret' }, workspace);
      expect(third.failures).toEqual([]);
      expect(third.outputs.get('pushed')).toBe('false');
      expect(await registryWrites(mark, repository)).toEqual([]);
    }, 180_000);

    it('refuses to move an existing tag in an IMMUTABLE repository before pushing anything', async () => {
      const repository = uniqueName('immutable');
      await ecr.send(
        new CreateRepositoryCommand({
          repositoryName: repository,
          imageTagMutability: 'IMMUTABLE',
        }),
      );
      const firstWorkspace = appWorkspace('one', { secretCheck: false });
      const first = await run({ repository, tags: 'release' }, firstWorkspace);
      expect(first.failures).toEqual([]);
      const mark = await control.mark();
      const second = await run(
        { repository, tags: 'release' },
        appWorkspace('two', { secretCheck: false }),
      );
      expect(second.failures[0]).toMatch(
        new RegExp(
          `^Tag 'release' already names ${first.outputs.get('digest') ?? ''} in ${repository} \\(eu-west-1\\), an IMMUTABLE repository`,
        ),
      );
      expect(await registryWrites(mark, repository)).toEqual([]);

      // Asked to skip such tags, with every tag skipped: an error, not an image with no digest.
      const skipped = await run(
        { repository, tags: 'release', 'skip-existing-immutable-tags': 'true' },
        appWorkspace('two', { secretCheck: false }),
      );
      expect(skipped.failures[0]).toMatch(
        /^Every tag of this build \(release\) already names another image in the IMMUTABLE repository/,
      );
      expect(skipped.outputs.get('image')).toBeUndefined();
      expect(await registryWrites(mark, repository)).toEqual([]);
    }, 120_000);

    it('promotes an existing image by adding tags through ECR, without building', async () => {
      const repository = uniqueName('promote');
      const built = await run(
        { repository, 'create-repository': 'true', tags: 'build-{{run_number}}' },
        appWorkspace('p', { secretCheck: false }),
      );
      expect(built.failures).toEqual([]);
      const promoted = await run(
        { repository, 'promote-from': 'build-42', tags: 'production\nv{{run_number}}' },
        appWorkspace(),
      );
      expect(promoted.failures).toEqual([]);
      expect(promoted.outputs.get('digest')).toBe(built.outputs.get('digest'));
      expect(promoted.outputs.get('pushed')).toBe('true');
      const images =
        (await ecr.send(new DescribeImagesCommand({ repositoryName: repository }))).imageDetails ??
        [];
      expect([...(images[0]?.imageTags ?? [])].sort()).toEqual(['build-42', 'production', 'v42']);
      const again = await run(
        { repository, 'promote-from': 'build-42', tags: 'production' },
        appWorkspace(),
      );
      expect(again.outputs.get('pushed')).toBe('false');
    }, 120_000);

    it('fails the build when the secret is wrong, and pushes nothing when a build fails', async () => {
      const repository = uniqueName('broken');
      const mark = await control.mark();
      const wrongSecret = await run(
        { repository, 'create-repository': 'true', 'build-secrets': 'token=wrong' },
        appWorkspace('x', { nonce: uniqueName('nonce') }),
      );
      expect(wrongSecret.failures[0]).toMatch(/^The image build failed: .* Nothing was pushed\./);
      expect(wrongSecret.failures[0]).not.toContain('wrong');
      const failing = await run({ repository }, appWorkspace('x', { fail: true }));
      expect(failing.failures[0]).toMatch(/^The image build failed: .* Nothing was pushed\./);
      expect(await registryWrites(mark, repository)).toEqual([]);
    }, 120_000);

    it.each([
      [{ dockerfile: 'nope/Dockerfile' }, "Input 'dockerfile': no Dockerfile at nope/Dockerfile."],
      [{ context: 'missing-dir' }, "Input 'context' is not a directory: missing-dir."],
      [{ tags: 'bad tag!' }, "Input 'tags' has 'bad tag!', which Docker rejects"],
      [
        { repository: 'Web_App' },
        "Input 'repository' is not a repository name ECR accepts: 'Web_App'",
      ],
      [
        { platforms: 'linux/amd64,plan9/386' },
        "Input 'platforms' has an unknown platform 'plan9/386'",
      ],
      [
        { 'promote-from': 'does-not-exist', tags: 'prod' },
        "Cannot promote 'does-not-exist': no such image in",
      ],
    ])('fails %j with one line and no AWS write', async (values, message) => {
      const accessKey = uniqueAccessKey();
      const mark = await control.mark();
      const repository = uniqueName('bad');
      await ecr.send(new CreateRepositoryCommand({ repositoryName: repository }));
      const outcome = await run({ repository, ...values }, appWorkspace(), accessKey);
      expect(outcome.failures).toHaveLength(1);
      expect(outcome.failures[0]?.startsWith(message)).toBe(true);
      const writes = (await control.requests(mark, accessKey)).filter(
        (r) => !/^(Describe|BatchGet|List|Get)/.test(r.operation ?? ''),
      );
      expect(writes).toEqual([]);
      expect(await registryWrites(mark, repository)).toEqual([]);
    });
  },
);
