import { getExecOutput } from '@actions/exec';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../core/action/errors.js';
import { type BuilderInfo, ENGINE_BUILDER, parseBuildxInspect } from './builder.js';

export interface DockerResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the Docker CLI; injected so the plans and flows are tested without Docker. */
export interface Docker {
  run(
    args: string[],
    options?: { input?: string; env?: Record<string, string>; stream?: boolean },
  ): Promise<DockerResult>;
}

/** The Docker configuration folder the job's user has (where setup-buildx-action registers builders). */
export function userDockerConfig(env: NodeJS.ProcessEnv): string {
  const configured = env['DOCKER_CONFIG'];
  if (configured !== undefined && configured !== '') return configured;
  return join(env['HOME'] ?? homedir(), '.docker');
}

/**
 * Makes a private DOCKER_CONFIG (registry credentials of this job only) see what the user's own
 * one holds besides credentials: CLI plugins installed per user (setup-buildx-action puts buildx
 * there when it downloads a version). Builders are found through BUILDX_CONFIG (see dockerCli).
 */
export function linkUserPlugins(privateConfig: string, env: NodeJS.ProcessEnv): void {
  const plugins = join(userDockerConfig(env), 'cli-plugins');
  const link = join(privateConfig, 'cli-plugins');
  mkdirSync(privateConfig, { recursive: true });
  if (existsSync(plugins) && !existsSync(link)) symlinkSync(plugins, link);
}

/**
 * The Docker CLI through @actions/exec, with a private DOCKER_CONFIG for this job. buildx keeps
 * its builders in `$DOCKER_CONFIG/buildx` unless BUILDX_CONFIG says otherwise, so BUILDX_CONFIG
 * points at the user's: a builder set up by an earlier step stays visible.
 */
export function dockerCli(cli: string, dockerConfig: string, baseEnv: NodeJS.ProcessEnv): Docker {
  const buildxConfig = baseEnv['BUILDX_CONFIG'] ?? join(userDockerConfig(baseEnv), 'buildx');
  return {
    run: async (args, options = {}) => {
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries(baseEnv)) if (value !== undefined) env[key] = value;
      const result = await getExecOutput(cli, args, {
        ignoreReturnCode: true,
        silent: options.stream !== true,
        env: { ...env, DOCKER_CONFIG: dockerConfig, BUILDX_CONFIG: buildxConfig, ...options.env },
        ...(options.input === undefined ? {} : { input: Buffer.from(options.input) }),
      });
      return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
    },
  };
}

function lastLine(result: DockerResult): string {
  return (result.stderr || result.stdout).trim().split('\n').at(-1) ?? '';
}

/**
 * Which builder a build will use. `requested` is the `builder` input: a buildx builder's name,
 * `engine` for `docker build` without buildx, or undefined for what buildx would pick itself
 * (BUILDX_BUILDER, then its current builder). Without buildx, CLIs older than 23 run BuildKit
 * with DOCKER_BUILDKIT=1 and newer ones only the legacy builder.
 */
export async function detectBuilder(
  docker: Docker,
  requested: string | undefined,
): Promise<BuilderInfo> {
  const version = await docker.run(['version', '--format', '{{.Client.Version}}']);
  const clientVersion = version.stdout.trim().split('\n')[0] ?? '';
  const engine = (): BuilderInfo => {
    const major = Number(/^(\d+)\./.exec(clientVersion)?.[1] ?? '0');
    return {
      path: major > 0 && major < 23 ? 'buildkit' : 'legacy',
      clientVersion,
      name: undefined,
      driver: undefined,
      containerdStore: false,
    };
  };
  if (clientVersion === '' || requested === ENGINE_BUILDER) return engine();
  const hasBuildx = (await docker.run(['buildx', 'version'])).code === 0;
  if (!hasBuildx) {
    if (requested === undefined) return engine();
    throw new ConfigurationError(
      `Input 'builder' names the buildx builder '${requested}', but this Docker CLI (${clientVersion}) has no buildx plugin.`,
      {
        input: 'builder',
        hint: `Install buildx (docker/setup-buildx-action does), or set 'builder: ${ENGINE_BUILDER}' to build with docker build.`,
      },
    );
  }
  const inspected = await docker.run(
    requested === undefined ? ['buildx', 'inspect'] : ['buildx', 'inspect', requested],
  );
  const parsed = inspected.code === 0 ? parseBuildxInspect(inspected.stdout) : undefined;
  if (parsed === undefined) {
    throw new ConfigurationError(
      `docker buildx cannot find the builder ${requested === undefined ? 'it was told to use (BUILDX_BUILDER or its current one)' : `'${requested}'`}: ${lastLine(inspected)}.`,
      {
        input: 'builder',
        hint: 'Run docker/setup-buildx-action (or `docker buildx create`) in an earlier step of this job, and check the name with `docker buildx ls`.',
      },
    );
  }
  let containerdStore = false;
  if (parsed.driver === 'docker') {
    // The docker driver can export caches and build several platforms only on the containerd image store.
    const info = await docker.run(['info', '--format', '{{json .DriverStatus}}']);
    containerdStore = info.code === 0 && info.stdout.includes('io.containerd.snapshotter');
  }
  return {
    path: 'buildx',
    clientVersion,
    name: parsed.name,
    driver: parsed.driver,
    containerdStore,
  };
}
