import { runAction } from '../../core/action/run.js';
import { defaultPreflight } from '../../core/iam/preflight.js';
import { ecsRollback } from './action.js';

await runAction(ecsRollback, { preflight: defaultPreflight });
