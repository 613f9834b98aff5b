import { runAction } from '../../core/action/run.js';
import { ecsDeploy } from './action.js';

await runAction(ecsDeploy);
