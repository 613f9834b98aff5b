// The deployment as a picture: a Mermaid gantt chart (a type GitHub draws in job summaries),
// with the same facts in a table beside it for readers without Mermaid.

export interface ChartInput {
  title: string;
  /** The job's steps of this suite, this one last (clock ms). */
  steps: { name: string; startedAt: number; endedAt: number; ok: boolean }[];
  /** Production traffic on the new version as it was seen (clock ms, percent). */
  traffic: { time: number; percent: number }[];
  /** Where the last traffic weight's bar ends (the end of following, or of the step). */
  trafficEnd: number | undefined;
  bake: { startedAt: number; endedAt: number; held: boolean } | undefined;
  /** When each analysis round ran (clock ms). */
  analysis: number[];
  rollback: { startedAt: number; endedAt: number } | undefined;
}

/** A Mermaid task name: no colon, hash or semicolon (Mermaid's separators). */
function label(text: string): string {
  return text.replace(/[:#;]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A duration in words without colons (Mermaid task names cannot hold one). */
function span(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m === 0 ? `${s}s` : s === 0 ? `${m}m` : `${m}m${s}s`;
}

/**
 * The Mermaid source. Times are drawn from the first step's start (the axis reads minutes and
 * seconds from 00:00); each bar's label carries its own numbers, so no reading depends on the axis.
 */
export function deploymentChart(input: ChartInput): string {
  const starts = [
    ...input.steps.map((s) => s.startedAt),
    ...input.traffic.map((t) => t.time),
    ...(input.bake === undefined ? [] : [input.bake.startedAt]),
  ];
  const origin = starts.length === 0 ? 0 : Math.min(...starts);
  const end = Math.max(
    origin + 1000,
    ...input.steps.map((s) => s.endedAt),
    input.trafficEnd ?? 0,
    input.bake?.endedAt ?? 0,
    input.rollback?.endedAt ?? 0,
  );
  const t = (time: number) => String(Math.max(0, Math.round(time - origin)));
  const lines = [
    'gantt',
    `  title ${label(input.title)}`,
    '  dateFormat x',
    `  axisFormat ${end - origin >= 3_600_000 ? '%H h %M m' : '%M m %S s'}`,
  ];
  let id = 0;
  const bar = (name: string, tags: string[], from: number, to: number) => {
    id += 1;
    const until = Math.max(to, from + 1);
    lines.push(`  ${label(name)} :${[...tags, `b${id}`].join(', ')}, ${t(from)}, ${t(until)}`);
  };
  if (input.steps.length > 0) {
    lines.push('  section Pipeline');
    for (const step of input.steps)
      bar(
        `${step.name} ${span(step.endedAt - step.startedAt)}`,
        step.ok ? ['done'] : ['crit'],
        step.startedAt,
        step.endedAt,
      );
  }
  if (input.traffic.length > 0) {
    lines.push('  section Traffic on new');
    input.traffic.forEach((step, index) => {
      const next = input.traffic[index + 1]?.time ?? input.trafficEnd ?? end;
      bar(`${step.percent} pct for ${span(next - step.time)}`, ['active'], step.time, next);
    });
  }
  if (input.bake !== undefined) {
    lines.push('  section Bake');
    const { startedAt, endedAt, held } = input.bake;
    bar(
      `bake ${held ? 'held' : 'failed'} ${span(endedAt - startedAt)}`,
      held ? ['done'] : ['crit'],
      startedAt,
      endedAt,
    );
  }
  if (input.analysis.length > 0) {
    lines.push('  section Analysis');
    // A dozen marks say when the analysis ran; the table beside the chart counts them all.
    input.analysis.slice(0, 12).forEach((time, index) => {
      bar(`round ${index + 1}`, ['milestone'], time, time);
    });
  }
  if (input.rollback !== undefined) {
    lines.push('  section Rollback');
    const { startedAt, endedAt } = input.rollback;
    bar(`rollback ${span(endedAt - startedAt)}`, ['crit'], startedAt, endedAt);
  }
  return lines.join('\n');
}
