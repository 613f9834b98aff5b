import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { venvBin } from '../../testbed/bed.ts';

// The test bed's engine exists because the pinned moto lacks these. When a moto upgrade closes
// one, this fails: then the engine's part for it can go, or must be re-checked against moto's.
describe('the pinned moto (plain, in-process, without the test bed engine) still has the gaps the engine fills', () => {
  it('lacks deployment progression, CodeDeploy controls, service deployment history and policy simulation', () => {
    const result = spawnSync(
      join(venvBin, 'python'),
      [join(import.meta.dirname, '..', '..', 'testbed', 'py', 'check_moto_gaps.py')],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      ecsUpdateServiceMakesNoNewDeployment: true,
      codedeployDeploymentStaysCreated: true,
      codedeployHasNoStopDeployment: true,
      codedeployHasNoContinueDeployment: true,
      codedeployHasNoGetDeploymentConfig: true,
      ecsHasNoListServiceDeployments: true,
      iamHasNoSimulatePrincipalPolicy: true,
    });
  });
});
