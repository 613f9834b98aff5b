import { runAction } from '../../core/action/run.js';
import { ecsRollback } from './action.js';

await runAction(ecsRollback);
