import { runAction } from '../../core/action/run.js';
import { defaultPreflight } from '../../core/iam/preflight.js';
import { ecsRunTask } from './action.js';

await runAction(ecsRunTask, { preflight: defaultPreflight });
