import * as core from '@actions/core';

export type OutputValue = string | number | boolean | object;

/**
 * Where an action's outputs go (GITHUB_OUTPUT in a runner). `N` is the action's output names,
 * generated from its action.yml (src/actions/<name>/contract.ts).
 */
export interface OutputSink<N extends string = string> {
  set(name: N, value: OutputValue): void;
}

export const coreOutputs: OutputSink = {
  set: (name, value) => {
    core.setOutput(name, typeof value === 'object' ? JSON.stringify(value) : value);
  },
};
