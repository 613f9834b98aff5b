import { runAction } from '../../core/action/run.js';
import { awsIdentity } from './action.js';

await runAction(awsIdentity);
