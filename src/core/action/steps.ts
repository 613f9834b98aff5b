// The job's record of this suite's steps (GITHUB_ENV), read by the summaries' chart. Light: the
// start of a step records itself here even when it fails on its inputs.

/** The job's steps of this suite so far, each action's main step appends itself (GITHUB_ENV). */
export const STEPS_VARIABLE = 'ECS_DELIVERY_STEPS';

export interface PipelineStep {
  action: string;
  /** Start and end on the step's clock (ms since the epoch). */
  startedAt: number;
  endedAt: number;
  ok: boolean;
}

/** The steps earlier in this job, as they recorded themselves; anything unreadable is skipped. */
export function pipelineSteps(env: NodeJS.ProcessEnv): PipelineStep[] {
  try {
    const parsed: unknown = JSON.parse(env[STEPS_VARIABLE] ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (s): s is PipelineStep =>
        typeof s === 'object' &&
        s !== null &&
        typeof (s as PipelineStep).action === 'string' &&
        typeof (s as PipelineStep).startedAt === 'number' &&
        typeof (s as PipelineStep).endedAt === 'number',
    );
  } catch {
    return [];
  }
}

/** The record with one more step, as the variable's value: the last 20 steps are enough for the chart. */
export function stepsWith(env: NodeJS.ProcessEnv, step: PipelineStep): string {
  return JSON.stringify([...pipelineSteps(env), step].slice(-20));
}
