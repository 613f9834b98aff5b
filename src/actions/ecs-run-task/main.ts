// The step's entry: inputs first, with only what reading them needs; the rest is its own chunk.
import { startAction } from '../../core/action/start.js';
import { readInputs } from './inputs.js';

await startAction('ecs-run-task', readInputs, () => import('./load.js'));
