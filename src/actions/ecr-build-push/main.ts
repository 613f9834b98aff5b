import { runAction } from '../../core/action/run.js';
import { ecrBuildPush } from './action.js';

await runAction(ecrBuildPush);
