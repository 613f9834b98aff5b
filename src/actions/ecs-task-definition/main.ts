import { runAction } from '../../core/action/run.js';
import { awsWiring } from '../../core/wiring.js';
import { ecsTaskDefinition } from './action.js';

await runAction(ecsTaskDefinition, awsWiring);
