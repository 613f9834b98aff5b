import { runAction } from '../../core/action/run.js';
import { awsWiring } from '../../core/wiring.js';
import { ecsRollback } from './action.js';

await runAction(ecsRollback, awsWiring);
