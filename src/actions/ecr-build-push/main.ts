import { runAction } from '../../core/action/run.js';
import { awsWiring } from '../../core/wiring.js';
import { ecrBuildPush } from './action.js';

await runAction(ecrBuildPush, awsWiring);
