// The few workflow commands a step needs before its work is loaded: a failed input, a secret to
// mask, the step's record for later steps. They follow the runner's documented protocol, as
// @actions/core writes them; the step loads @actions/core itself (and the HTTP client its entry
// pulls in, some 40 ms at every start) only once its inputs are good.
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';

/** Escapes a command's message as the runner reads it back. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Writes `::name::message` on stdout (error, warning, add-mask). */
export function issueCommand(name: 'error' | 'warning' | 'add-mask', message: string): void {
  process.stdout.write(`::${name}::${escapeData(message)}${EOL}`);
}

/**
 * Appends `name=value` to one of the runner's command files (GITHUB_ENV, GITHUB_OUTPUT,
 * GITHUB_STATE) with a random heredoc delimiter; outside a runner (no such file) it does nothing.
 */
export function appendFileCommand(
  file: 'GITHUB_ENV' | 'GITHUB_OUTPUT' | 'GITHUB_STATE',
  name: string,
  value: string,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const path = env[file];
  if (path === undefined || path === '') return;
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(path, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
}
