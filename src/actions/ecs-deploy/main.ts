import { runAction } from '../../core/action/run.js';
import { awsWiring } from '../../core/wiring.js';
import { ecsDeploy } from './action.js';

await runAction(ecsDeploy, awsWiring);
