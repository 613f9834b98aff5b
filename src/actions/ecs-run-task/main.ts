import { runAction } from '../../core/action/run.js';
import { awsWiring } from '../../core/wiring.js';
import { ecsRunTask } from './action.js';

await runAction(ecsRunTask, awsWiring);
