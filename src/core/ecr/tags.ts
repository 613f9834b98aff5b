/** The workflow run facts that decide an image's default tags. */
export interface GitContext {
  eventName: string;
  /** refs/heads/main, refs/tags/v1.2.3, refs/pull/42/merge */
  ref: string;
  sha: string;
  defaultBranch: string | undefined;
  pullRequestNumber: number | undefined;
  runNumber: string | undefined;
  runAttempt: string | undefined;
  /** The time of the run, for {{date}}. */
  now: Date;
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

/** A ref name made into a valid Docker tag: feature/Login-2 -> feature-Login-2. */
export function sanitizeTag(text: string): string {
  const replaced = text
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
  return replaced.replace(/-+$/, '') || 'unnamed';
}

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** 1.2.3, 1.2 and 1 for v1.2.3; only the full version for a pre-release; undefined when not semver. */
export function semverTags(tagName: string): string[] | undefined {
  const match = SEMVER.exec(tagName);
  if (match === null) return undefined;
  const [, major = '', minor = '', patch = '', prerelease] = match;
  if (prerelease !== undefined) return [`${major}.${minor}.${patch}-${prerelease}`];
  const tags = [`${major}.${minor}.${patch}`, `${major}.${minor}`];
  // 0.x.y: a major version 0 promises nothing, so "0" would move across breaking changes.
  if (major !== '0') tags.push(major);
  return tags;
}

export function branchOf(ref: string): string | undefined {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}

/**
 * The default tags of a run: the short sha always; the branch for a branch (push or
 * workflow_dispatch); semver (or the tag name) for a tag; pr-N for a pull request; `latest` on
 * the default branch only.
 */
export function defaultTags(git: GitContext): string[] {
  const tags = [`sha-${git.sha.slice(0, 7)}`];
  if (git.eventName === 'pull_request' || git.eventName === 'pull_request_target') {
    if (git.pullRequestNumber !== undefined) tags.push(`pr-${git.pullRequestNumber}`);
    return tags;
  }
  const branch = branchOf(git.ref);
  if (branch !== undefined) {
    tags.push(sanitizeTag(branch));
    if (git.defaultBranch !== undefined && branch === git.defaultBranch) tags.push('latest');
  }
  if (git.ref.startsWith('refs/tags/')) {
    const name = git.ref.slice('refs/tags/'.length);
    tags.push(...(semverTags(name) ?? [sanitizeTag(name)]));
  }
  return [...new Set(tags)];
}

/**
 * Expands {{sha}}, {{short_sha}}, {{branch}}, {{tag}}, {{version}}, {{run_number}},
 * {{run_attempt}} and {{date}} (UTC yyyymmdd) in a tag template. Undefined when a placeholder has
 * no value in this run (e.g. {{version}} on a branch push): that tag is skipped.
 */
export function expandTemplate(template: string, git: GitContext): string | undefined {
  const tagName = git.ref.startsWith('refs/tags/') ? git.ref.slice('refs/tags/'.length) : undefined;
  const values: Record<string, string | undefined> = {
    sha: git.sha,
    short_sha: git.sha.slice(0, 7),
    branch: branchOf(git.ref) === undefined ? undefined : sanitizeTag(branchOf(git.ref) ?? ''),
    tag: tagName === undefined ? undefined : sanitizeTag(tagName),
    version: tagName === undefined ? undefined : semverTags(tagName)?.[0],
    run_number: git.runNumber,
    run_attempt: git.runAttempt,
    date: git.now.toISOString().slice(0, 10).replace(/-/g, ''),
  };
  const missing: string[] = [];
  const expanded = template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) missing.push(name);
    return value ?? '';
  });
  return missing.length > 0 ? undefined : expanded;
}
