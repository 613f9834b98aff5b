import { runAction } from '../../core/action/run.js';
import { ecsTaskDefinition } from './action.js';

await runAction(ecsTaskDefinition);
