import { recordInputs } from '../../src/core/action/inputs.js';
import { RecordingLogger, RecordingOutputs, MemoryStateBackend } from './doubles.js';
import type { Runtime } from '../../src/core/action/run.js';
import { MarkdownSummary } from '../../src/core/action/summary.js';
import { awsClients } from '../../src/core/aws/clients.js';
import { VirtualClock } from './doubles.js';

/** A runtime that records everything an action does, for unit and integration tests. */
export function recordingRuntime(
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
) {
  const clock = new VirtualClock(Date.parse('2026-11-20T10:00:00Z'));
  const written: string[] = [];
  const failures: string[] = [];
  const secrets: string[] = [];
  const exported = new Map<string, string>();
  const parts = {
    logger: new RecordingLogger(),
    outputs: new RecordingOutputs(),
    state: new MemoryStateBackend(),
    summary: new MarkdownSummary((markdown) => {
      written.push(markdown);
      return Promise.resolve();
    }),
    clock,
    written,
    failures,
    secrets,
    exported,
  };
  const runtime: Runtime = {
    inputs: recordInputs(inputs),
    logger: parts.logger,
    summary: parts.summary,
    outputs: parts.outputs,
    state: parts.state,
    env,
    clock,
    sleep: clock.sleep,
    signal: new AbortController().signal,
    setSecret: (value) => secrets.push(value),
    setFailed: (message) => failures.push(message),
    exportVariable: (name, value) => exported.set(name, value),
    preflight: () => Promise.resolve(),
    clients: (action, env) => awsClients(action, env),
  };
  return { runtime, ...parts };
}
