import { type ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';

export interface RegistryLogin {
  /** What `docker login` takes: the proxyEndpoint ECR returned, scheme removed. */
  server: string;
  username: string;
  password: string;
  expiresAt: Date | undefined;
}

/**
 * Gets a registry password from GetAuthorizationToken and hands every form of it (the password,
 * the base64 `AWS:` token, their URL-encoded forms) to `mask` before anything can print it.
 */
export async function registryLogin(
  ecr: Pick<ECRClient, 'send'>,
  mask: (secret: string) => void,
): Promise<RegistryLogin> {
  // One token works for every registry the caller may use; ECR deprecated asking per registry id.
  const response = await ecr.send(new GetAuthorizationTokenCommand({}));
  const data = response.authorizationData?.[0];
  const token = data?.authorizationToken ?? '';
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  const username = decoded.slice(0, separator);
  const password = decoded.slice(separator + 1);
  for (const secret of [token, password, encodeURIComponent(token), encodeURIComponent(password)]) {
    if (secret !== '') mask(secret);
  }
  return {
    server: (data?.proxyEndpoint ?? '').replace(/^https?:\/\//, '').replace(/\/+$/, ''),
    username,
    password,
    expiresAt: data?.expiresAt,
  };
}
