import { parseDocument } from 'yaml';
import { SUITE_NAME, SUITE_VERSION } from '../../core/version.js';
import type { FileFinding } from './plan.js';

/** The 1-based line where statement `index` of a policy file starts (1 when it cannot be found). */
export function statementLine(text: string, index: number): number {
  const document = parseDocument(text);
  const statements = document.get('Statement', true) as
    | { items?: { range?: [number, number, number] }[]; range?: [number, number, number] }
    | undefined;
  const node = statements?.items?.[index] ?? (index === 0 ? statements : undefined);
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : text.slice(0, offset).split('\n').length;
}

/** SARIF 2.1.0 for code scanning: one result per finding, located at its statement. */
export function toSarif(findings: FileFinding[], texts: Map<string, string>): object {
  const rules = [...new Map(findings.map((f) => [f.rule, f])).values()].map((f) => ({
    id: f.rule,
    shortDescription: { text: f.rule.replace(/-/g, ' ') },
    defaultConfiguration: { level: f.severity },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: `${SUITE_NAME} iam-check`, version: SUITE_VERSION, rules } },
        results: findings.map((f) => ({
          ruleId: f.rule,
          level: f.severity,
          message: { text: `${f.message} Fix: ${f.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file },
                region: { startLine: statementLine(texts.get(f.file) ?? '', f.statement) },
              },
            },
          ],
        })),
      },
    ],
  };
}
