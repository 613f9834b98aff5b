// Test doubles of the action runtime: they record what an action logs, outputs and keeps for
// its post step, so a test asserts what a user would see. They live here, not in src, so that
// they never ship in dist/.
import type { LogLevel, Logger } from '../../src/core/action/logger.js';
import type { OutputSink, OutputValue } from '../../src/core/action/outputs.js';
import type { StateBackend } from '../../src/core/action/state.js';
import type { Clock, Sleep } from '../../src/core/util/time.js';

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

export class RecordingOutputs implements OutputSink {
  readonly values = new Map<string, string>();
  set(name: string, value: OutputValue): void {
    this.values.set(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  get(name: string): string | undefined {
    return this.values.get(name);
  }
}

export class MemoryStateBackend implements StateBackend {
  readonly values = new Map<string, string>();
  save(name: string, value: string): void {
    this.values.set(name, value);
  }
  get(name: string): string | undefined {
    return this.values.get(name);
  }
}

/** A clock and sleep that only move when something sleeps: for tests of waiting logic. */
export class VirtualClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(private current = 0) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  readonly sleep: Sleep = (ms) => {
    this.sleeps.push(ms);
    this.current += ms;
    return Promise.resolve();
  };
}
