import { execFileSync } from 'node:child_process';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCKER_CLI, venvBin } from '../test/testbed/bed.ts';

export const resultsDir = join(import.meta.dirname, 'results');

function quiet(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unavailable';
  }
}

/** The machine and versions a figure was measured on. */
export function machine(): Record<string, string | number> {
  return {
    os: `${osType()} ${release()}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    docker: quiet(DOCKER_CLI, ['version', '--format', '{{.Server.Version}}']),
    moto: quiet(join(venvBin, 'python'), ['-c', 'import moto; print(moto.__version__)']),
    measuredAt: new Date().toISOString(),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export interface BenchRow {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  goal: string;
}

/** Writes one benchmark's results and regenerates the markdown table of all of them. */
export function writeResults(
  name: string,
  data: { rows: BenchRow[]; [key: string]: unknown },
): void {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, `${name}.json`),
    `${JSON.stringify({ machine: machine(), ...data }, null, 2)}\n`,
  );
  const sections = readdirSync(resultsDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const result = JSON.parse(readFileSync(join(resultsDir, file), 'utf8')) as {
        machine: Record<string, unknown>;
        rows: BenchRow[];
      };
      const rows = result.rows
        .map((r) => `| ${r.figure} | ${r.value} | ${r.baseline} | ${r.ratio} | ${r.goal} |`)
        .join('\n');
      return `## ${file.replace(/\.json$/, '')}\n\nMeasured ${String(result.machine['measuredAt'])} on ${String(result.machine['cpus'])} × ${String(result.machine['cpuModel'])}, Node ${String(result.machine['node'])}, Docker ${String(result.machine['docker'])}, moto ${String(result.machine['moto'])}.\n\n| Figure | Value | Baseline (same run) | Ratio | Goal |\n| --- | --- | --- | --- | --- |\n${rows}\n`;
    });
  writeFileSync(
    join(resultsDir, 'README.md'),
    `# Benchmark results\n\nWritten by \`npm run bench\`; each figure is measured against a baseline in the same run.\n\n${sections.join('\n')}`,
  );
}
