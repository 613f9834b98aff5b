// npm run testbed -- start|stop|status [--scale N]
// Prints the environment to use as KEY=VALUE lines (eval "$(npm run -s testbed -- start)").
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type TestbedInfo,
  isAlive,
  startTestbed,
  stateFile,
  stopTestbed,
  testbedEnv,
} from './bed.ts';

function readState(): TestbedInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(stateFile, 'utf8')) as TestbedInfo;
    return isAlive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

function printEnv(info: TestbedInfo): void {
  for (const [key, value] of Object.entries(testbedEnv(info))) console.log(`${key}=${value}`);
}

const [command = 'status', ...rest] = process.argv.slice(2);
const scaleIndex = rest.indexOf('--scale');
const scale = scaleIndex === -1 ? undefined : Number(rest[scaleIndex + 1]);

switch (command) {
  case 'start': {
    const running = readState();
    if (running !== undefined) {
      console.error(`test bed already running (pid ${running.pid})`);
      printEnv(running);
      break;
    }
    const { child: _child, ...info } = await startTestbed({
      detached: true,
      ...(scale === undefined ? {} : { scale }),
    });
    mkdirSync(dirname(stateFile), { recursive: true });
    writeFileSync(stateFile, JSON.stringify(info, null, 2));
    console.error(
      `test bed started in ${info.startupSeconds.toFixed(1)}s (pid ${info.pid}, scale ${info.scale}, log ${info.logFile})`,
    );
    printEnv(info);
    break;
  }
  case 'stop': {
    const running = readState();
    if (running === undefined) {
      console.error('test bed not running');
    } else {
      await stopTestbed(running);
      console.error(`test bed stopped (pid ${running.pid})`);
    }
    rmSync(stateFile, { force: true });
    break;
  }
  case 'status': {
    const running = readState();
    if (running === undefined) {
      console.error('test bed not running');
      process.exitCode = 3;
    } else {
      const status = (await (await fetch(`${running.endpoint}/_testbed/status`)).json()) as Record<
        string,
        unknown
      >;
      console.error(`test bed running (pid ${running.pid}): ${JSON.stringify(status)}`);
      printEnv(running);
    }
    break;
  }
  default:
    console.error('usage: npm run testbed -- start|stop|status [--scale N]');
    process.exitCode = 2;
}
