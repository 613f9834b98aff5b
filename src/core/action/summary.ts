import * as core from '@actions/core';

/** A job summary built as markdown, written once at the end of a step. */
export interface SummaryWriter {
  heading(text: string, level?: 1 | 2 | 3): this;
  paragraph(text: string): this;
  table(header: string[], rows: string[][]): this;
  list(items: string[]): this;
  code(text: string, lang?: string): this;
  markdown(): string;
  write(): Promise<void>;
}

/** Escapes what would break a markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export class MarkdownSummary implements SummaryWriter {
  private readonly parts: string[] = [];

  constructor(private readonly sink: (markdown: string) => Promise<void> = writeToStepSummary) {}

  heading(text: string, level: 1 | 2 | 3 = 2): this {
    this.parts.push(`${'#'.repeat(level)} ${text}`);
    return this;
  }
  paragraph(text: string): this {
    this.parts.push(text);
    return this;
  }
  table(header: string[], rows: string[][]): this {
    const lines = [
      `| ${header.map(cell).join(' | ')} |`,
      `| ${header.map(() => '---').join(' | ')} |`,
      ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    ];
    this.parts.push(lines.join('\n'));
    return this;
  }
  list(items: string[]): this {
    this.parts.push(items.map((item) => `- ${item}`).join('\n'));
    return this;
  }
  code(text: string, lang = ''): this {
    this.parts.push(`\`\`\`${lang}\n${text}\n\`\`\``);
    return this;
  }
  markdown(): string {
    return this.parts.length === 0 ? '' : `${this.parts.join('\n\n')}\n`;
  }
  async write(): Promise<void> {
    const text = this.markdown();
    if (text !== '') await this.sink(text);
  }
}

async function writeToStepSummary(markdown: string): Promise<void> {
  // Outside a runner (local runs) there is no summary file: skip rather than fail the step.
  if (process.env['GITHUB_STEP_SUMMARY'] === undefined) return;
  await core.summary.addRaw(markdown, true).write();
}
