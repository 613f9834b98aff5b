import { runAction } from '../../core/action/run.js';
import { defaultPreflight } from '../../core/iam/preflight.js';
import { ecrBuildPush } from './action.js';

await runAction(ecrBuildPush, { preflight: defaultPreflight });
