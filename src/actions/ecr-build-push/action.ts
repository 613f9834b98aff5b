import { ECRClient } from '@aws-sdk/client-ecr';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../core/action/errors.js';
import type { ActionSpec } from '../../core/action/run.js';
import { TypedState } from '../../core/action/state.js';
import { type BuilderInfo, builderLabel, builderProblem } from './builder.js';
import { type Docker, detectBuilder, dockerCli, linkUserPlugins } from './docker.js';
import { execute, scratchDirectory } from './execute.js';
import { type EcrFor, observeAndPlan } from './observe.js';
import { type BuildPushInputs, readInputs } from './inputs.js';
import type { BuildPushPlan } from './plan.js';
import type { Context, Input, Output } from './contract.js';

interface State extends Record<string, unknown> {
  dockerConfig: string;
}

interface Planned extends BuildPushPlan {
  builder: BuilderInfo;
}

function ecrFor(context: Context): EcrFor {
  return (region) => context.clients.get(ECRClient, 'ecr', { region });
}

/** A Docker CLI with its own DOCKER_CONFIG, kept for the job and removed by the post step. */
function jobDocker(inputs: BuildPushInputs, context: Context): Docker {
  const state = new TypedState<State>(context.state);
  let dockerConfig = state.get('dockerConfig');
  if (dockerConfig === undefined) {
    dockerConfig = mkdtempSync(join(context.env['RUNNER_TEMP'] ?? tmpdir(), 'docker-config-'));
    state.save('dockerConfig', dockerConfig);
    linkUserPlugins(dockerConfig, context.env);
  }
  return dockerCli(inputs.dockerCli, dockerConfig, context.env);
}

export const ecrBuildPush: ActionSpec<BuildPushInputs, Planned, Input, Output> = {
  name: 'ecr-build-push',
  readInputs,
  plan: async (inputs, context) => {
    const plan = await observeAndPlan(inputs, ecrFor(context));
    if (plan.mode === 'promote')
      return {
        ...plan,
        builder: {
          path: 'legacy',
          clientVersion: '',
          name: undefined,
          driver: undefined,
          containerdStore: false,
        },
      };
    const builder = await detectBuilder(jobDocker(inputs, context), inputs.builder);
    if (builder.clientVersion === '') {
      throw new ConfigurationError(`The Docker CLI '${inputs.dockerCli}' does not run here.`, {
        input: 'docker-cli',
        hint: 'Install Docker on the runner, or name a Docker CLI in docker-cli.',
      });
    }
    // Decided before anything is created or pushed.
    const problem = builderProblem(plan.build, builder);
    if (problem !== undefined)
      throw new ConfigurationError(
        `${problem.charAt(0).toUpperCase()}${problem.slice(1)} (this step would build with ${builderLabel(builder)}).`,
        { input: 'builder' },
      );
    return { ...plan, builder };
  },
  execute: async (plan, inputs, context) => {
    const scratch = scratchDirectory(context.env);
    try {
      await execute(
        plan,
        inputs,
        {
          ecrFor: ecrFor(context),
          docker: jobDocker(inputs, context),
          builder: plan.builder,
          scratch,
        },
        context,
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
  post: (context) => {
    const dockerConfig = new TypedState<State>(context.state).get('dockerConfig');
    if (dockerConfig !== undefined) {
      rmSync(dockerConfig, { recursive: true, force: true });
      context.logger.info('Removed the registry credentials of this job.');
    }
    return Promise.resolve();
  },
};
