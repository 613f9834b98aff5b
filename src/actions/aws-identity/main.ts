import { runAction } from '../../core/action/run.js';
import { defaultPreflight } from '../../core/iam/preflight.js';
import { awsIdentity } from './action.js';

await runAction(awsIdentity, { preflight: defaultPreflight });
