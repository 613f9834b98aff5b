import { runAction } from '../../core/action/run.js';
import { ecsRunTask } from './action.js';

await runAction(ecsRunTask);
