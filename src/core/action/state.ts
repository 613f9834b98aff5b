import * as core from '@actions/core';

/**
 * Values a main step hands to its post step (GITHUB_STATE). A schema object maps each key to a
 * parser, so a post step reads typed values or `undefined`, never a stray empty string.
 */
export interface StateBackend {
  save(name: string, value: string): void;
  get(name: string): string | undefined;
}

export const coreStateBackend: StateBackend = {
  save: (name, value) => {
    core.saveState(name, value);
  },
  get: (name) => {
    const value = core.getState(name);
    return value === '' ? undefined : value;
  },
};

/** A typed view over the state backend: each key holds one JSON value of type `T[K]`. */
export class TypedState<T extends Record<string, unknown>> {
  constructor(private readonly backend: StateBackend) {}

  save<K extends keyof T & string>(key: K, value: T[K]): void {
    this.backend.save(key, JSON.stringify(value));
  }

  get<K extends keyof T & string>(key: K): T[K] | undefined {
    const raw = this.backend.get(key);
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as T[K];
    } catch {
      return undefined;
    }
  }
}
