// npm run demo: the whole pipeline through the built actions (dist/) on the embedded test bed.
//
// 1. starts the test bed (moto + our deployment engine, a registry, a Docker engine);
// 2. provisions what a team has before its first run: an ECR repository with version 1 and a
//    CodeDeploy blue/green service running it as real containers behind a load balancer;
// 3. iam-check writes the least-privilege policy for the pipeline; the deploy role gets exactly
//    that, and the test bed enforces IAM for it;
// 4. a push of version 2: IAM pre-flight, build and push, register, canary deployment, success;
// 5. a push of version 3, whose containers crash: detected, rolled back by CodeDeploy, the
//    reason and the container's last log lines printed;
// 6. prints the job summaries and stops what it started.
import { type TestbedInfo, startTestbed, stopTestbed } from '../test/testbed/bed.ts';
import { CanaryPipeline, type Release } from '../test/support/canary-pipeline.ts';

const started = Date.now();
const bold = (text: string) => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[0m` : text);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s`;

function say(text: string): void {
  console.log(`\n${bold(`== ${text}`)}`);
}

/** Groups whose lines stay folded, as a runner's log shows them until clicked (docker's own output). */
let folded = false;

/** A workflow command line as the runner's log shows it. */
function show(step: string, line: string): void {
  if (line === '::endgroup::') folded = false;
  if (line.startsWith('::add-mask::') || line.startsWith('::debug::') || line === '::endgroup::')
    return;
  if (folded) return;
  if (line.startsWith('::group::docker ')) folded = true;
  const text = line
    .replace(/^::group::/, '> ')
    .replace(/^::warning[^:]*::/, 'warning: ')
    .replace(/^::error[^:]*::/, 'error: ')
    .replace(/^::notice[^:]*::/, 'notice: ');
  console.log(`${elapsed()} [${step}] ${text}`);
}

function printSummaries(title: string, release: Release): void {
  say(`Job summary: ${title}`);
  for (const { action, run } of release.steps) {
    if (run.summary.trim() === '') continue;
    console.log(`\n--- ${action} ---`);
    console.log(run.summary.trim());
  }
}

let testbed: TestbedInfo | undefined;
const stop = async () => {
  if (testbed === undefined) return;
  const info = testbed;
  testbed = undefined;
  await stopTestbed(info);
  console.log(
    `${elapsed()} stopped the test bed${info.docker?.pid == null ? '' : ' and the Docker engine'} it started`,
  );
};
process.on('SIGINT', () => {
  void stop().then(() => process.exit(130));
});

let exitCode = 0;
try {
  say('Starting the test bed');
  const { child, ...info } = await startTestbed();
  child.unref();
  testbed = info;
  if (info.docker === null || info.registry === null) {
    throw new Error(
      'the demo needs Docker and the registry: run `npm run setup` (it installs docker.io and docker-registry)',
    );
  }
  console.log(
    `${elapsed()} test bed on ${info.endpoint} (emulated time x${info.scale}), registry ${info.registry['eu-west-1'] ?? ''}, Docker ${info.docker.host}`,
  );
  const pipeline = new CanaryPipeline({
    endpoint: info.endpoint,
    dockerHost: info.docker.host,
    onLine: show,
  });

  say('Provisioning: repository with version 1, a CodeDeploy blue/green service running it');
  const service = await pipeline.provision();
  console.log(
    `${elapsed()} service ${service.cluster}/${service.service}, CodeDeploy ${service.application}/${service.group}`,
  );

  say('iam-check: the least-privilege policy for build-push, task-definition and a canary deploy');
  await pipeline.createDeployRole();
  console.log(
    `${elapsed()} role ${pipeline.roleName} has exactly that policy (${pipeline.policy?.Statement.length ?? 0} statements); the test bed enforces IAM for it`,
  );

  say('Push of version 2: pre-flight, build, register, canary deployment');
  const good = await pipeline.release('shop v2', '2'.repeat(40));
  const goodOk = good.deploy?.exitCode === 0;
  console.log(
    `${elapsed()} ${goodOk ? 'deployed' : 'FAILED'}: ${good.deploy?.outputs['status'] ?? 'not deployed'} in ${good.deploy?.outputs['duration-seconds'] ?? '?'} s`,
  );

  say('Push of version 3, whose containers crash at start');
  const bad = await pipeline.release('shop v3', '3'.repeat(40), 'FATAL: cannot reach the database');
  const badCaught = bad.deploy?.exitCode === 1 && bad.deploy.outputs['rolled-back'] === 'true';
  console.log(
    `${elapsed()} ${badCaught ? 'detected and rolled back' : 'NOT rolled back'}: ${bad.deploy?.outputs['reason'] ?? ''}`,
  );

  printSummaries('version 2', good);
  printSummaries('version 3', bad);
  await pipeline.close();
  if (!goodOk || !badCaught) exitCode = 1;
  say(
    exitCode === 0
      ? `Done in ${elapsed().trim()}: version 2 serves, version 3 was caught and rolled back.`
      : 'The demo did not go as expected (see above).',
  );
} catch (error) {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await stop();
}
process.exit(exitCode);
