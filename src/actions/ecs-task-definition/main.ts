import { runAction } from '../../core/action/run.js';
import { defaultPreflight } from '../../core/iam/preflight.js';
import { ecsTaskDefinition } from './action.js';

await runAction(ecsTaskDefinition, { preflight: defaultPreflight });
