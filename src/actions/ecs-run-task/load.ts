// What the step loads once its inputs are good (or for its post step).
import { runAction } from '../../core/action/run.js';
import type { Launch } from '../../core/action/start.js';
import { awsWiring } from '../../core/wiring.js';
import { ecsRunTask } from './action.js';
import type { RunTaskInputs } from './inputs.js';

export const launch: Launch<RunTaskInputs> = (preread) =>
  runAction(ecsRunTask, { ...awsWiring, preread });
