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

export interface LogEntry {
  level: LogLevel;
  message: string;
}

/** Keeps every line in memory so a test can assert what a user would have read. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  debug(message: string): void {
    this.entries.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.entries.push({ level: 'info', message });
  }
  warning(message: string): void {
    this.entries.push({ level: 'warning', message });
  }
  error(message: string): void {
    this.entries.push({ level: 'error', message });
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.entries.push({ level: 'group', message: title });
    return fn();
  }

  /** Every message of one level, or all of them, in order. */
  messages(level?: LogLevel): string[] {
    return this.entries
      .filter((e) => level === undefined || e.level === level)
      .map((e) => e.message);
  }

  text(): string {
    return this.messages().join('\n');
  }
}
