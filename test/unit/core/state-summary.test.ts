import { describe, expect, it } from 'vitest';
import { MemoryStateBackend } from '../../support/doubles.js';
import { TypedState } from '../../../src/core/action/state.js';
import { MarkdownSummary, cell } from '../../../src/core/action/summary.js';
import { describePermission, normalizePermissions } from '../../../src/core/action/permissions.js';

describe('TypedState', () => {
  it('round-trips typed values and reads missing or damaged keys as undefined', () => {
    const backend = new MemoryStateBackend();
    const state = new TypedState<{ deploymentId: string; desiredCount: number }>(backend);
    state.save('deploymentId', 'd-123');
    state.save('desiredCount', 3);
    expect(state.get('deploymentId')).toBe('d-123');
    expect(state.get('desiredCount')).toBe(3);
    backend.save('desiredCount', '{not json');
    expect(state.get('desiredCount')).toBeUndefined();
    expect(new TypedState<{ x: string }>(new MemoryStateBackend()).get('x')).toBeUndefined();
  });
});

describe('MarkdownSummary', () => {
  it('writes headings, tables with escaped cells, lists and code', async () => {
    let written = '';
    const summary = new MarkdownSummary((text) => {
      written = text;
      return Promise.resolve();
    });
    await summary
      .heading('Deploy')
      .table(['Name', 'Value'], [['a|b', 'line1\nline2']])
      .list(['one'])
      .code('{}', 'json')
      .write();
    expect(written).toBe(
      '## Deploy\n\n| Name | Value |\n| --- | --- |\n| a\\|b | line1<br>line2 |\n\n- one\n\n```json\n{}\n```\n',
    );
    expect(cell('x|y')).toBe('x\\|y');
  });

  it('writes nothing when empty', async () => {
    let calls = 0;
    await new MarkdownSummary(() => {
      calls += 1;
      return Promise.resolve();
    }).write();
    expect(calls).toBe(0);
  });
});

describe('permissions', () => {
  it('describes a permission with its condition context', () => {
    expect(
      describePermission({
        action: 'iam:PassRole',
        resource: 'arn:aws:iam::1:role/task',
        context: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
        write: true,
        reason: 'register the task definition',
      }),
    ).toBe(
      'iam:PassRole on arn:aws:iam::1:role/task when iam:PassedToService=ecs-tasks.amazonaws.com (write: register the task definition)',
    );
  });

  it('keeps permissions that differ only in their context', () => {
    const base = { action: 'iam:PassRole', resource: 'r', write: true, reason: 'x' };
    expect(normalizePermissions([base, { ...base, context: { k: 'v' } }, base])).toHaveLength(2);
  });
});
