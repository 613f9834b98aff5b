import { runAction } from '../../core/action/run.js';
import { defaultPreflight } from '../../core/iam/preflight.js';
import { iamCheck } from './action.js';

await runAction(iamCheck, { preflight: defaultPreflight });
