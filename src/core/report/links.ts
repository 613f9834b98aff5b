// Links to what a step touched, in the console of the partition and region it ran in.
import { partitionOf } from '../action/permissions.js';

export { partitionOf } from '../action/permissions.js';

/** The console's address for a region: each partition has its own console. */
export function consoleBase(region: string): string {
  switch (partitionOf(region)) {
    case 'aws-cn':
      return 'https://console.amazonaws.cn';
    case 'aws-us-gov':
      return 'https://console.amazonaws-us-gov.com';
    default:
      return `https://${region}.console.aws.amazon.com`;
  }
}

const enc = encodeURIComponent;

/** The last part of an ARN or a name: `family:revision`, a service or cluster name. */
function lastPart(arnOrName: string): string {
  return arnOrName.split('/').at(-1) ?? arnOrName;
}

/**
 * Console links for one region. Each takes what the step knows (names or ARNs) and returns an
 * address a person can open; none calls AWS.
 */
export class ConsoleLinks {
  readonly base: string;

  constructor(readonly region: string) {
    this.base = consoleBase(region);
  }

  private at(path: string, fragment = ''): string {
    return `${this.base}${path}${path.includes('?') ? '&' : '?'}region=${this.region}${fragment}`;
  }

  service(cluster: string, service: string): string {
    return this.at(
      `/ecs/v2/clusters/${enc(lastPart(cluster))}/services/${enc(lastPart(service))}/health`,
    );
  }

  serviceDeployments(cluster: string, service: string): string {
    return this.at(
      `/ecs/v2/clusters/${enc(lastPart(cluster))}/services/${enc(lastPart(service))}/deployments`,
    );
  }

  /** A task definition revision, from its ARN or `family:revision`. */
  taskDefinition(taskDefinition: string): string {
    const [family = '', revision = ''] = lastPart(taskDefinition).split(':');
    return this.at(`/ecs/v2/task-definitions/${enc(family)}/${enc(revision)}/containers`);
  }

  codeDeployDeployment(deploymentId: string): string {
    return this.at(`/codesuite/codedeploy/deployments/${enc(deploymentId)}`);
  }

  /** A CloudWatch Logs group (and stream): the console escapes '/' as '$252F' in its fragment. */
  logGroup(group: string, stream?: string): string {
    const escape = (text: string) => enc(enc(text)).replace(/%/g, '$');
    const path = `log-groups/log-group/${escape(group)}${stream === undefined ? '' : `/log-events/${escape(stream)}`}`;
    return `${this.base}/cloudwatch/home?region=${this.region}#logsV2:${path}`;
  }

  /** An image in ECR by digest. */
  image(registryId: string, repository: string, digest: string): string {
    return this.at(
      `/ecr/repositories/private/${enc(registryId)}/${repository.split('/').map(enc).join('/')}/_/image/${enc(digest)}/details`,
    );
  }
}

/** The GitHub page of an environment's deployments, when the run says where it is. */
export function githubDeploymentsLink(
  env: NodeJS.ProcessEnv,
  environment: string,
): string | undefined {
  const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  const repository = env['GITHUB_REPOSITORY'];
  if (repository === undefined || repository === '') return undefined;
  return `${server}/${repository}/deployments/${enc(environment)}`;
}

/** A markdown link, or the bare text when there is no address. */
export function mdLink(text: string, url: string | undefined): string {
  if (url === undefined) return text;
  return `[${text.replace(/([[\]])/g, '\\$1')}](${url})`;
}

const ECR_IMAGE =
  /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^@:]+)@(sha256:[a-f0-9]{64})$/;

/** The console page of an ECR image named by digest; undefined for other images or tags. */
export function ecrImageLink(image: string): string | undefined {
  const match = ECR_IMAGE.exec(image);
  if (match === null) return undefined;
  const [, registryId = '', region = '', repository = '', digest = ''] = match;
  return new ConsoleLinks(region).image(registryId, repository, digest);
}
