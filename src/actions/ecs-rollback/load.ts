// What the step loads once its inputs are good (or for its post step).
import { runAction } from '../../core/action/run.js';
import type { Launch } from '../../core/action/start.js';
import { awsWiring } from '../../core/wiring.js';
import { ecsRollback } from './action.js';
import type { RollbackInputs } from './inputs.js';

export const launch: Launch<RollbackInputs> = (preread) =>
  runAction(ecsRollback, { ...awsWiring, preread });
