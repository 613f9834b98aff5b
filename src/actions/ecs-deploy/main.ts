import { runAction } from '../../core/action/run.js';
import { defaultPreflight } from '../../core/iam/preflight.js';
import { ecsDeploy } from './action.js';

await runAction(ecsDeploy, { preflight: defaultPreflight });
