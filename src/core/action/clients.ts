/** The AWS services the suite talks to (core/aws/clients.ts knows their endpoints). */
export type ServiceId =
  'ecr' | 'ecs' | 'codedeploy' | 'iam' | 'sts' | 'elbv2' | 'cloudwatch' | 'logs';

/** Where a client talks to, and how hard it retries. */
export interface ClientRequest {
  region: string;
  /** Fewer attempts than the suite's default (for calls whose absence is an answer). */
  maxAttempts?: number;
}

/**
 * Any AWS SDK v3 client class. The factory builds it with the suite's configuration, so the
 * constructor's own parameter type does not matter here.
 */
export type ClientClass<C extends object> = new (config: never) => C;

/**
 * The step's AWS clients: one per class, region and retry setting, made when first asked for.
 * The plan and the execution share them; each action imports only the client classes it uses.
 */
export interface Clients {
  get<C extends object>(Class: ClientClass<C>, service: ServiceId, request: ClientRequest): C;
}

/** Makes a step's clients from its action name and environment (the wiring supplies one). */
export type ClientsFactory = (action: string, env: NodeJS.ProcessEnv) => Clients;

/** For runs wired without AWS: says so the moment something asks for a client. */
export const noClients: ClientsFactory = (action) => ({
  get: (_Class, service) => {
    throw new Error(
      `${action} asked for a ${service} client, but this run has no AWS clients wired.`,
    );
  },
});
