import { runAction } from '../../core/action/run.js';
import { awsWiring } from '../../core/wiring.js';
import { awsIdentity } from './action.js';

await runAction(awsIdentity, awsWiring);
