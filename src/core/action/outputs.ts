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

export class RecordingOutputs implements OutputSink {
  readonly values = new Map<string, string>();
  set(name: string, value: OutputValue): void {
    this.values.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  get(name: string): string | undefined {
    return this.values.get(name);
  }
}
