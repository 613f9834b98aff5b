// What the step loads once its inputs are good (or for its post step).
import { runAction } from '../../core/action/run.js';
import type { Launch } from '../../core/action/start.js';
import { awsWiring } from '../../core/wiring.js';
import { ecrBuildPush } from './action.js';
import type { BuildPushInputs } from './inputs.js';

export const launch: Launch<BuildPushInputs> = (preread) =>
  runAction(ecrBuildPush, { ...awsWiring, preread });
