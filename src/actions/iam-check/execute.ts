import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '../../core/action/errors.js';
import { allowingStatement, checkPermissions } from '../../core/iam/preflight.js';
import { type IamCheckInputs } from './inputs.js';
import { type IamCheckPlan } from './plan.js';
import { toSarif } from './sarif.js';
import { type Clients } from './observe.js';
import type { Context } from './contract.js';

export async function execute(
  plan: IamCheckPlan,
  inputs: IamCheckInputs,
  clients: Clients,
  context: Context,
): Promise<{ missing: number; blocking: number }> {
  mkdirSync(inputs.outputDirectory, { recursive: true });
  const policyFile = join(inputs.outputDirectory, 'least-privilege-policy.json');
  writeFileSync(policyFile, `${JSON.stringify(plan.leastPrivilege, null, 2)}\n`);
  const sarifFile = join(inputs.outputDirectory, 'iam-check.sarif');
  writeFileSync(
    sarifFile,
    `${JSON.stringify(toSarif(plan.findings, new Map(inputs.policyFiles.map((f) => [f.path, f.text]))), null, 2)}\n`,
  );

  const missing: { action: string; resource: string; reason: string; fix: string }[] = [];
  if (inputs.checkCaller && plan.required.length > 0) {
    const report = await context.logger.group(
      `Checking ${plan.required.length} permissions for the caller`,
      async () => {
        const result = await checkPermissions(plan.required, clients);
        for (const finding of result.findings) {
          context.logger.info(
            `${finding.decision === 'Allow' ? 'allowed' : 'MISSING'}: ${finding.permission.action} on ${finding.permission.resource}${finding.decision === 'Allow' ? '' : ` (${finding.reason})`}`,
          );
        }
        for (const note of result.notes) context.logger.info(note);
        return result;
      },
    );
    for (const finding of report.findings.filter((f) => f.decision !== 'Allow')) {
      missing.push({
        action: finding.permission.action,
        resource: finding.permission.resource,
        reason: finding.reason,
        fix: `Add ${allowingStatement(finding.permission)}.`,
      });
    }
    context.summary
      .heading(`IAM check for ${report.principal.callerArn}`)
      .table(
        ['Permission', 'Resource', 'Why the run needs it', 'Decision'],
        report.findings.map((f) => [
          f.permission.action,
          f.permission.resource,
          f.permission.reason,
          f.decision === 'Allow' ? 'allowed' : `missing: ${f.reason}`,
        ]),
      )
      .paragraph(report.notes.join(' '));
  }
  if (plan.findings.length > 0) {
    context.summary.heading('Policy findings', 3).table(
      ['File', 'Statement', 'Severity', 'Finding', 'Fix'],
      plan.findings.map((f) => [f.file, String(f.statement), f.severity, f.message, f.fix]),
    );
    for (const finding of plan.findings) {
      const line = `${finding.file} statement ${finding.statement}: ${finding.message} Fix: ${finding.fix}`;
      if (finding.severity === 'error') context.logger.error(line);
      else if (finding.severity === 'warning') context.logger.warning(line);
      else context.logger.info(line);
    }
  }
  context.summary
    .paragraph(`Least-privilege policy for this run: \`${policyFile}\`.`)
    .code(JSON.stringify(plan.leastPrivilege, null, 2), 'json');

  context.outputs.set('allowed', missing.length === 0);
  context.outputs.set('missing', missing);
  context.outputs.set('findings', plan.findings);
  context.outputs.set('least-privilege-policy', policyFile);
  context.outputs.set('sarif-file', sarifFile);

  const problems: string[] = [];
  const [first] = missing;
  if (first !== undefined) {
    problems.push(
      `The caller may not ${first.action} on ${first.resource} (${first.reason})${missing.length > 1 ? ` and ${missing.length - 1} more permission(s)` : ''}. ${first.fix}`,
    );
  }
  if (plan.blocking.length > 0) {
    const worst = plan.blocking[0];
    problems.push(
      `${plan.blocking.length} policy finding(s) at or above '${inputs.severity}', first: ${worst?.file ?? ''} statement ${worst?.statement ?? 0}: ${worst?.message ?? ''}`,
    );
  }
  if (problems.length > 0) {
    if (inputs.mode === 'enforce')
      throw new ConfigurationError(problems.join(' '), {
        hint: `The least-privilege policy is in ${policyFile}.`,
      });
    for (const problem of problems) context.logger.warning(problem);
  }
  return { missing: missing.length, blocking: plan.blocking.length };
}
