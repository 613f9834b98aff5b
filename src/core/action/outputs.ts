import * as core from '@actions/core';

export type OutputValue = string | number | boolean | object;

/** Where an action's outputs go (GITHUB_OUTPUT in a runner). */
export interface OutputSink {
  set(name: string, value: OutputValue): void;
}

export const coreOutputs: OutputSink = {
  set: (name, value) => {
    core.setOutput(name, typeof value === 'object' ? JSON.stringify(value) : value);
  },
};
