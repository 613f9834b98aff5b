import { classify } from './errors.js';
import { appendFileCommand, issueCommand } from './commands.js';
import { type InputSource, InputReader, environmentInputs } from './inputs.js';
import { PREFLIGHT_MODES, type PreflightMode } from './permissions.js';
import { STEPS_VARIABLE, stepsWith } from './steps.js';
import { type Clock, systemClock } from '../util/time.js';

/** What a step's start hands over once its inputs are read and good. */
export interface Preread<TInputs = unknown> {
  inputs: TInputs;
  /** The `iam-preflight` input, read with the others. */
  mode: PreflightMode;
  /** When the step started (its record for later steps counts from here). */
  startedAt: number;
}

/** What reading inputs may use: no AWS client, no logger, nothing that loads the step's work. */
export interface InputContext {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  setSecret(value: string): void;
}

/** Runs the loaded step: the main step with its inputs already read, or the post step. */
export type Launch<TInputs> = (preread: Preread<TInputs> | undefined) => Promise<unknown>;

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  inputs?: InputSource;
  clock?: Clock;
}

/**
 * A step's entry point (main.ts). The main step reads and checks every input first, with only
 * the light modules that needs: a bad input fails here, printed as the full run prints it,
 * without loading the step's work. Then it loads the rest (`load`, a dynamic import: its own
 * chunk of the bundle) and runs it. The post step loads the rest straight away.
 */
export async function startAction<TInputs, I extends string>(
  name: string,
  readInputs: (reader: InputReader<I>, context: InputContext) => TInputs,
  load: () => Promise<{ launch: Launch<TInputs> }>,
  options: StartOptions = {},
): Promise<void> {
  const env = options.env ?? process.env;
  if (env['STATE_isPost'] === 'true') {
    await (await load()).launch(undefined);
    return;
  }
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  let preread: Preread<TInputs>;
  try {
    const reader = new InputReader<I>(options.inputs ?? environmentInputs(env));
    const mode = (reader as InputReader).choice('iam-preflight', PREFLIGHT_MODES, 'off');
    const context: InputContext = {
      env,
      clock,
      setSecret: (value) => {
        issueCommand('add-mask', value);
      },
    };
    preread = { inputs: readInputs(reader, context), mode, startedAt };
  } catch (error) {
    process.exitCode = 1;
    issueCommand('error', classify(error).message);
    appendFileCommand(
      'GITHUB_ENV',
      STEPS_VARIABLE,
      stepsWith(env, { action: name, startedAt, endedAt: clock.now(), ok: false }),
      env,
    );
    return;
  }
  await (await load()).launch(preread);
}
