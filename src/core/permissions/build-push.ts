// ecr-build-push's permission contract: its plan and iam-check both use it.
import { arnIn } from '../action/permissions.js';
import type { RequiredPermission } from '../action/permissions.js';

/** A repository the build pushes to, as far as permissions care. */
export interface RepositoryTarget {
  region: string;
  registryId: string | undefined;
  repository: string;
  /** Whether it exists already (else it is created). */
  exists: boolean;
  repositoryArn: string | undefined;
}

function repositoryArn(
  target: Pick<RepositoryTarget, 'region' | 'registryId' | 'repository' | 'repositoryArn'>,
): string {
  if (target.repositoryArn !== undefined) return target.repositoryArn;
  return arnIn('ecr', target.region, target.registryId ?? '*', `repository/${target.repository}`);
}

const PUSH_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:PutImage',
];

const READ_ACTIONS = ['ecr:DescribeImages', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];

/**
 * What pushing to (or retagging in) these repositories needs: the permission contract of this
 * action, used by its pre-flight and by iam-check.
 */
export function buildPushPermissions(
  targets: Pick<
    RepositoryTarget,
    'region' | 'registryId' | 'repository' | 'exists' | 'repositoryArn'
  >[],
  options: { keepImages: number; push: boolean; promote: boolean },
): RequiredPermission[] {
  const permissions: RequiredPermission[] = [];
  for (const target of targets) {
    const arn = repositoryArn(target);
    permissions.push({
      action: 'ecr:DescribeRepositories',
      resource: arn,
      write: false,
      reason: 'find the repository and its tag mutability',
    });
    if (!target.exists) {
      permissions.push({
        action: 'ecr:CreateRepository',
        resource: arn,
        write: true,
        reason: 'create the repository',
      });
      if (options.keepImages > 0) {
        permissions.push({
          action: 'ecr:PutLifecyclePolicy',
          resource: arn,
          write: true,
          reason: `keep the last ${options.keepImages} images`,
        });
      }
    }
    for (const action of READ_ACTIONS)
      permissions.push({
        action,
        resource: arn,
        write: false,
        reason: 'compare with what is already pushed',
      });
    if (options.push || options.promote) {
      // A run that may both push and promote (iam-check's view of a workflow) needs both.
      const actions = options.push ? PUSH_ACTIONS : ['ecr:PutImage'];
      for (const action of actions)
        permissions.push({
          action,
          resource: arn,
          write: true,
          reason: options.push ? 'push the image (and add tags)' : 'add the tags',
        });
    }
  }
  permissions.push({
    action: 'ecr:GetAuthorizationToken',
    resource: '*',
    write: false,
    reason: 'log in to the registry',
  });
  return permissions;
}
