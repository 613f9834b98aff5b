import { runAction } from '../../core/action/run.js';
import { iamCheck } from './action.js';

await runAction(iamCheck);
