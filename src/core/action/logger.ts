import * as core from '@actions/core';

/** Where an action's log lines go. The core implementation writes workflow commands. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  /** Runs `fn` inside a collapsible log group. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

export const coreLogger: Logger = {
  debug: (message) => {
    core.debug(message);
  },
  info: (message) => {
    core.info(message);
  },
  warning: (message) => {
    core.warning(message);
  },
  error: (message) => {
    core.error(message);
  },
  group: (title, fn) => core.group(title, fn),
};

export type LogLevel = 'debug' | 'info' | 'warning' | 'error' | 'group';
