import { getExecOutput } from '@actions/exec';

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

/** The Docker CLI through @actions/exec, with a private DOCKER_CONFIG for this job. */
export function dockerCli(cli: string, dockerConfig: string, baseEnv: NodeJS.ProcessEnv): Docker {
  return {
    run: async (args, options = {}) => {
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries(baseEnv)) if (value !== undefined) env[key] = value;
      const result = await getExecOutput(cli, args, {
        ignoreReturnCode: true,
        silent: options.stream !== true,
        env: { ...env, DOCKER_CONFIG: dockerConfig, ...options.env },
        ...(options.input === undefined ? {} : { input: Buffer.from(options.input) }),
      });
      return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
    },
  };
}

/** Which builder this Docker CLI offers: buildx, BuildKit through DOCKER_BUILDKIT=1 (CLI < 23), or the legacy builder. */
export async function detectBuilder(
  docker: Docker,
): Promise<{ builder: 'buildx' | 'buildkit' | 'legacy'; clientVersion: string }> {
  const version = await docker.run(['version', '--format', '{{.Client.Version}}']);
  const clientVersion = version.stdout.trim().split('\n')[0] ?? '';
  if ((await docker.run(['buildx', 'version'])).code === 0)
    return { builder: 'buildx', clientVersion };
  const major = Number(/^(\d+)\./.exec(clientVersion)?.[1] ?? '0');
  // Docker CLIs from 23 on need buildx for BuildKit; older ones run it with DOCKER_BUILDKIT=1.
  return { builder: major > 0 && major < 23 ? 'buildkit' : 'legacy', clientVersion };
}
