import * as core from '@actions/core';
import {
  type PreflightMode,
  type RequiredPermission,
  PREFLIGHT_MODES,
  normalizePermissions,
} from './permissions.js';
import { ActionError, CancelledError, classify, errorMessage } from './errors.js';
import { STEPS_VARIABLE, stepsWith } from './steps.js';
import type { InputContext, Preread } from './start.js';
import { type Clients, type ClientsFactory, noClients } from './clients.js';
import { type InputSource, InputReader, environmentInputs } from './inputs.js';
import { type Logger, coreLogger } from './logger.js';
import { type OutputSink, coreOutputs } from './outputs.js';
import { type StateBackend, coreStateBackend } from './state.js';
import { type SummaryWriter, MarkdownSummary } from './summary.js';
import { type Clock, type Sleep, realSleep, systemClock } from '../util/time.js';

/** What every action's plan carries: the AWS calls it will make (and where). */
export interface ActionPlan {
  permissions: RequiredPermission[];
  region?: string;
}

/**
 * Everything an action may touch, passed in so tests can replace each part. `I` and `O` are the
 * action's input and output names from its action.yml (each action's contract.ts).
 */
export interface ActionContext<I extends string = string, O extends string = string> {
  action: string;
  inputs: InputReader<I>;
  logger: Logger;
  summary: SummaryWriter;
  outputs: OutputSink<O>;
  state: StateBackend;
  env: NodeJS.ProcessEnv;
  /** The step's AWS clients, made on first use and shared by every phase. */
  clients: Clients;
  clock: Clock;
  sleep: Sleep;
  /** Aborted when the runner cancels the job (SIGINT/SIGTERM). */
  signal: AbortSignal;
  setSecret(value: string): void;
}

/**
 * One action: inputs are parsed (no AWS call), the plan is made (reads only) and its
 * permissions pre-flighted, then the plan is executed. `post` runs in the post step.
 */
export interface ActionSpec<
  TInputs,
  TPlan extends ActionPlan,
  I extends string = string,
  O extends string = string,
> {
  name: string;
  readInputs(reader: InputReader<I>, context: InputContext): TInputs;
  plan(inputs: TInputs, context: ActionContext<I, O>): Promise<TPlan>;
  execute(plan: TPlan, inputs: TInputs, context: ActionContext<I, O>): Promise<void>;
  post?(context: ActionContext<I, O>): Promise<void>;
}

/** Checks a plan's permissions; the IAM evaluator plugs in here. */
export type Preflight = (
  permissions: RequiredPermission[],
  mode: PreflightMode,
  context: ActionContext,
  region: string | undefined,
) => Promise<void>;

export interface Runtime {
  inputs: InputSource;
  logger: Logger;
  summary: SummaryWriter;
  outputs: OutputSink;
  state: StateBackend;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  sleep: Sleep;
  signal: AbortSignal;
  setSecret(value: string): void;
  setFailed(message: string): void;
  /** Sets a variable for the job's later steps (GITHUB_ENV in a runner). */
  exportVariable(name: string, value: string): void;
  preflight: Preflight;
  clients: ClientsFactory;
}

/** What an action's main.ts plugs in: the IAM pre-flight and the AWS client factory. */
export type Wiring = Pick<Runtime, 'preflight' | 'clients'>;

export interface RunResult {
  ok: boolean;
  error?: Error;
  phase: 'main' | 'post';
}

const IS_POST_STATE = 'isPost';

/** How long a cancelled main step may take to stop its own work before the process exits. */
const CANCEL_GRACE_MS = 5000;

/**
 * Aborts on the runner's SIGINT/SIGTERM. The step gets a few seconds to stop cleanly (the post
 * step does the rollback), then the process exits so the runner's post step can start.
 */
export function cancellationSignal(): AbortSignal {
  const controller = new AbortController();
  const cancel = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    controller.abort(
      new CancelledError(`The runner sent ${signal}: the job was cancelled or timed out.`),
    );
    setTimeout(() => process.exit(1), CANCEL_GRACE_MS).unref();
  };
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  return controller.signal;
}

/** The runner's runtime; the pre-flight and the clients come from the action's wiring (main.ts). */
export function defaultRuntime(signal: AbortSignal, wiring: Partial<Wiring> = {}): Runtime {
  return {
    inputs: environmentInputs(),
    logger: coreLogger,
    summary: new MarkdownSummary(),
    outputs: coreOutputs,
    state: coreStateBackend,
    env: process.env,
    clock: systemClock,
    sleep: realSleep,
    signal,
    setSecret: (value) => {
      core.setSecret(value);
    },
    setFailed: (message) => {
      core.setFailed(message);
    },
    exportVariable: (name, value) => {
      core.exportVariable(name, value);
    },
    preflight: wiring.preflight ?? (() => Promise.resolve()),
    clients: wiring.clients ?? noClients,
  };
}

/**
 * Runs an action's main or post step. The only place that fails a step: errors are classified,
 * printed as one line that says what to do next, and turned into exit code 1.
 */
export async function runAction<
  TInputs,
  TPlan extends ActionPlan,
  I extends string = string,
  O extends string = string,
>(
  spec: ActionSpec<TInputs, TPlan, I, O>,
  overrides: Partial<Runtime> & Wiring & { preread?: Preread<TInputs> | undefined },
): Promise<RunResult> {
  const { preread, ...runtimeOverrides } = overrides;
  const runtime: Runtime = {
    ...defaultRuntime(overrides.signal ?? cancellationSignal(), runtimeOverrides),
    ...runtimeOverrides,
  };
  const context: ActionContext<I, O> = {
    action: spec.name,
    inputs: new InputReader<I>(runtime.inputs),
    logger: runtime.logger,
    summary: runtime.summary,
    outputs: runtime.outputs,
    state: runtime.state,
    env: runtime.env,
    clients: runtime.clients(spec.name, runtime.env),
    clock: runtime.clock,
    sleep: runtime.sleep,
    signal: runtime.signal,
    setSecret: (value) => {
      runtime.setSecret(value);
    },
  };
  const phase = runtime.state.get(IS_POST_STATE) === 'true' ? 'post' : 'main';
  const startedAt = preread?.startedAt ?? runtime.clock.now();
  let ok = false;
  try {
    if (phase === 'post') {
      await spec.post?.(context);
    } else {
      if (spec.post !== undefined) runtime.state.save(IS_POST_STATE, 'true');
      await runMain(spec, context, runtime.preflight, preread);
    }
    ok = true;
    return { ok: true, phase };
  } catch (error) {
    const failure = classify(error);
    runtime.setFailed(failure.message);
    if (!(failure instanceof ActionError) && failure.stack !== undefined) {
      runtime.logger.debug(failure.stack);
    }
    return { ok: false, error: failure, phase };
  } finally {
    if (phase === 'main') {
      try {
        runtime.exportVariable(
          STEPS_VARIABLE,
          stepsWith(runtime.env, {
            action: spec.name,
            startedAt,
            endedAt: runtime.clock.now(),
            ok,
          }),
        );
      } catch (error) {
        runtime.logger.debug(`Could not record this step for later steps: ${errorMessage(error)}`);
      }
    }
    try {
      await runtime.summary.write();
    } catch (error) {
      runtime.logger.warning(`Could not write the job summary: ${errorMessage(error)}`);
    }
  }
}

async function runMain<TInputs, TPlan extends ActionPlan, I extends string, O extends string>(
  spec: ActionSpec<TInputs, TPlan, I, O>,
  context: ActionContext<I, O>,
  preflight: Preflight,
  preread: Preread<TInputs> | undefined,
): Promise<void> {
  // Every input is read and checked before anything talks to AWS: by the step's start
  // (startAction) in a runner, else here. Every action.yml declares iam-preflight (a unit test checks it).
  const asked =
    preread?.mode ??
    (context.inputs as InputReader).choice('iam-preflight', PREFLIGHT_MODES, 'off');
  const inputs = preread === undefined ? spec.readInputs(context.inputs, context) : preread.inputs;
  // A dry run says whether the caller may do what it plans: the pre-flight runs, warning only.
  const mode = asked === 'off' && isDryRun(inputs) ? 'warn' : asked;
  const plan = await spec.plan(inputs, context);
  plan.permissions = normalizePermissions(plan.permissions);
  await preflight(plan.permissions, mode, context, plan.region);
  await spec.execute(plan, inputs, context);
}

function isDryRun(inputs: unknown): boolean {
  return (
    typeof inputs === 'object' &&
    inputs !== null &&
    (inputs as { dryRun?: unknown }).dryRun === true
  );
}
