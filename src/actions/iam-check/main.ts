import { runAction } from '../../core/action/run.js';
import { awsWiring } from '../../core/wiring.js';
import { iamCheck } from './action.js';

await runAction(iamCheck, awsWiring);
