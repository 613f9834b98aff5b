import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { DOCKER_CLI } from '../testbed/bed.ts';
import { emulatorEnv, sdkConfig } from '../support/aws-env.js';
import { appWorkspace, pushToMainEnv } from '../support/build-context.js';
import { runBundle } from '../support/bundle.js';
import { uniqueName } from '../support/ecs-fixtures.js';
import {
  RUNNER_DOCKER_CLI,
  builderVersions,
  hasSystemBuildx,
  homeWithBuildkitBuilder,
  stockRunnerHome,
} from '../support/runners.js';

const ecr = new ECRClient(sdkConfig());

const dockerHost = inject('dockerHost') ?? '';
const buildkitAddress = inject('buildkitAddress');

/** The builder set-ups of test/support/runners.ts, as a runner's step would meet them. */
const setups: [
  string,
  () => Promise<{ cli: string; env: Record<string, string>; inputs: Record<string, string> }>,
  { builder: string; cache: string; label: RegExp },
][] = [
  [
    'a stock hosted runner (buildx, docker driver), default inputs',
    () =>
      Promise.resolve({
        cli: RUNNER_DOCKER_CLI,
        env: { HOME: stockRunnerHome() },
        inputs: { 'build-network': 'none' },
      }),
    { builder: 'buildx', cache: 'inline', label: /buildx, builder 'default' \(docker driver\)/ },
  ],
  [
    'a builder set up as setup-buildx-action does (remote driver to buildkitd)',
    async () => {
      const setup = await homeWithBuildkitBuilder(dockerHost, buildkitAddress ?? '');
      return { cli: RUNNER_DOCKER_CLI, env: setup.env, inputs: {} };
    },
    {
      builder: 'buildx',
      cache: 'registry',
      label: /buildx, builder 'builder-[\w-]+' \(remote driver\)/,
    },
  ],
  [
    'docker build with BuildKit (builder: engine, Docker CLI 20.10)',
    () =>
      Promise.resolve({
        cli: DOCKER_CLI,
        env: { HOME: stockRunnerHome() },
        inputs: { builder: 'engine', 'build-network': 'none' },
      }),
    { builder: 'buildkit', cache: 'inline', label: /BuildKit through docker build/ },
  ],
];

describe.runIf(
  inject('testbed') &&
    inject('dockerHost') !== null &&
    hasSystemBuildx() &&
    buildkitAddress !== null,
)(
  `dist/ecr-build-push run as the runner runs it, main and post (${inject('emulator')}, real Docker, ${builderVersions()})`,
  () => {
    it.each(setups)(
      '%s: builds, pushes, keeps the registry password out of everything it writes, and removes it in the post step',
      async (_, setUp, expected) => {
        const runner = await setUp();
        const workspace = appWorkspace('e2e', { nonce: uniqueName('e2e') });
        const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-'));
        const repository = uniqueName('e2e');
        const env = {
          ...emulatorEnv(),
          ...pushToMainEnv(workspace),
          DOCKER_HOST: dockerHost,
          RUNNER_TEMP: runnerTemp,
          ...runner.env,
        };
        const main = await runBundle('ecr-build-push', {
          env,
          inputs: {
            repository,
            'create-repository': 'true',
            'build-secrets': 'token=s3cret',
            'docker-cli': runner.cli,
            tags: 'sha-{{short_sha}}\nrun-{{run_number}}',
            ...runner.inputs,
          },
          timeoutMs: 120_000,
        });
        expect(main.errors).toEqual([]);
        expect(main.exitCode).toBe(0);
        expect(main.outputs['image']).toMatch(new RegExp(`/${repository}@sha256:[a-f0-9]{64}$`));
        expect(JSON.parse(main.outputs['tags'] ?? '[]')).toEqual(['sha-a1b2c3d', 'run-42']);
        expect(JSON.parse(main.outputs['images'] ?? '[]')).toHaveLength(1);
        expect(main.outputs['pushed']).toBe('true');
        expect(main.outputs['builder']).toBe(expected.builder);
        expect(main.outputs['build-cache']).toBe(expected.cache);
        expect(main.summary).toContain(`## Image ${repository}`);
        expect(main.summary).toMatch(/\| [\d.]+ MiB \| pushed \| /);
        expect(main.summary).toMatch(expected.label);
        expect(main.summary).toContain(`Build cache: ${expected.cache}.`);
        // What ECR holds afterwards: the image under both tags, pinned by the digest output.
        const listed = (
          await ecr.send(
            new DescribeImagesCommand({
              repositoryName: repository,
              imageIds: [{ imageDigest: main.outputs['digest'] ?? '' }],
            }),
          )
        ).imageDetails?.[0];
        expect([...(listed?.imageTags ?? [])].sort()).toEqual(['run-42', 'sha-a1b2c3d']);

        const dockerConfig = main.state['dockerConfig']
          ? (JSON.parse(main.state['dockerConfig']) as string)
          : '';
        expect(existsSync(join(dockerConfig, 'config.json'))).toBe(true);
        const auths = (
          JSON.parse(readFileSync(join(dockerConfig, 'config.json'), 'utf8')) as {
            auths: Record<string, { auth: string }>;
          }
        ).auths;
        const token = Object.values(auths)[0]?.auth ?? '';
        const password = Buffer.from(token, 'base64').toString().split(':')[1] ?? '';
        expect(password.length).toBeGreaterThan(10);
        const masked = main.stdout
          .split('\n')
          .filter((line) => line.startsWith('::add-mask::'))
          .map((line) => line.slice('::add-mask::'.length));
        expect(masked).toEqual(expect.arrayContaining([password, token, 's3cret']));
        const unmasked = main.stdout
          .split('\n')
          .filter((line) => !line.startsWith('::add-mask::'))
          .join('\n');
        for (const secret of [
          password,
          token,
          encodeURIComponent(password),
          encodeURIComponent(token),
          's3cret',
        ]) {
          expect(unmasked).not.toContain(secret);
          expect(main.stderr).not.toContain(secret);
          expect(main.summary).not.toContain(secret);
          expect(JSON.stringify(main.outputs)).not.toContain(secret);
          expect(JSON.stringify(main.state)).not.toContain(secret);
        }

        const post = await runBundle('ecr-build-push', { env, state: main.state });
        expect(post.exitCode).toBe(0);
        expect(post.stdout).toContain('Removed the registry credentials of this job.');
        expect(existsSync(dockerConfig)).toBe(false);
      },
      180_000,
    );
  },
);
