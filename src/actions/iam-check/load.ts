// What the step loads once its inputs are good (or for its post step).
import { runAction } from '../../core/action/run.js';
import type { Launch } from '../../core/action/start.js';
import { awsWiring } from '../../core/wiring.js';
import { iamCheck } from './action.js';
import type { IamCheckInputs } from './inputs.js';

export const launch: Launch<IamCheckInputs> = (preread) =>
  runAction(iamCheck, { ...awsWiring, preread });
