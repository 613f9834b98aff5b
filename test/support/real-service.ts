// Releases as real containers on the test bed: images built with Debian's static busybox and
// pushed to the test bed's ECR, and a rolling service whose tasks run them (tb_docker).
import { CreateRepositoryCommand, type ECRClient } from '@aws-sdk/client-ecr';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  type ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useRealContainers } from '../testbed/client.ts';
import { docker, imageContext } from './docker.js';
import { uniqueName, waitForSteady } from './ecs-fixtures.js';
import { dockerLoginToEcr } from './job-image.js';

export interface Releases {
  /** Serves until stopped. */
  serving: string;
  /** The reported release: starts, prints, and exits 1 s later with 3. */
  crashAtStart: string;
  /** Lives past the test bed's time to healthy (so ECS completes the deployment), then exits 3. */
  crashLate: string;
}

export class RealServices {
  private readonly config = mkdtempSync(join(tmpdir(), 'docker-config-'));
  private readonly clusters: string[] = [];

  constructor(
    private readonly clients: { ecr: ECRClient; ecs: ECSClient },
    private readonly endpoint: string,
    private readonly dockerHost: string,
  ) {}

  /** Builds and pushes the three releases (each to its own repository). */
  async releases(): Promise<Releases> {
    await dockerLoginToEcr(this.clients.ecr, this.dockerHost, this.config);
    return {
      serving: await this.push('serving', imageContext('serving')),
      crashAtStart: await this.push('crash-at-start', imageContext('v2 up', 3, true, 1)),
      crashLate: await this.push('crash-late', imageContext('v2 up', 3, true, 8)),
    };
  }

  private async push(tag: string, context: string): Promise<string> {
    const repositoryUri =
      (
        await this.clients.ecr.send(
          new CreateRepositoryCommand({ repositoryName: uniqueName(`release-${tag}`) }),
        )
      ).repository?.repositoryUri ?? '';
    for (const args of [
      ['build', '--network', 'none', '-t', `${repositoryUri}:${tag}`, context],
      ['push', `${repositoryUri}:${tag}`],
    ]) {
      const result = await docker(args, { host: this.dockerHost, config: this.config });
      if (result.code !== 0) throw new Error(`docker ${args[0] ?? ''} failed: ${result.stderr}`);
    }
    return `${repositoryUri}:${tag}`;
  }

  /** A Fargate task definition of one essential container `app` running `image`. */
  async register(family: string, image: string): Promise<string> {
    return (
      (
        await this.clients.ecs.send(
          new RegisterTaskDefinitionCommand({
            family,
            networkMode: 'awsvpc',
            requiresCompatibilities: ['FARGATE'],
            cpu: '256',
            memory: '512',
            containerDefinitions: [{ name: 'app', image, essential: true }],
          }),
        )
      ).taskDefinition?.taskDefinitionArn ?? ''
    );
  }

  /** A rolling service `web` of 2 real-container tasks, circuit breaker on (rollback), steady on `image`. */
  async service(image: string): Promise<{ cluster: string; family: string; good: string }> {
    const { ecs } = this.clients;
    const cluster = uniqueName('real');
    this.clusters.push(cluster);
    await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
    await useRealContainers(this.endpoint, cluster);
    const family = uniqueName('real-web');
    const good = await this.register(family, image);
    await ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: 'web',
        taskDefinition: good,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'] } },
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
      }),
    );
    await waitForSteady(ecs, cluster, 'web', 60_000);
    return { cluster, family, good };
  }

  /** Scales every service made here to 0: a release left crash-looping keeps the engine busy. */
  async scaleDown(): Promise<void> {
    for (const cluster of this.clusters.splice(0))
      await this.clients.ecs.send(
        new UpdateServiceCommand({ cluster, service: 'web', desiredCount: 0 }),
      );
  }
}
