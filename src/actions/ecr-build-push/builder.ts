// What each builder can do, and what a build asks of it: pure, tested in tables.
import { type BuildInputs } from './inputs.js';

/** The `builder` input's word for `docker build` without buildx (BuildKit or the legacy builder). */
export const ENGINE_BUILDER = 'engine';

/** How the image is built: `docker buildx build`, `docker build` with BuildKit, or the legacy builder. */
export type BuildPath = 'buildx' | 'buildkit' | 'legacy';

export interface BuilderInfo {
  path: BuildPath;
  clientVersion: string;
  /** The buildx builder's name and driver (docker, docker-container, remote, kubernetes). */
  name: string | undefined;
  driver: string | undefined;
  /** The engine keeps images in containerd, which lets the docker driver export caches. */
  containerdStore: boolean;
}

export interface BuilderCapabilities {
  /** Can write a build cache elsewhere than inline in the image (registry, local, gha...). */
  exportsCache: boolean;
  multiPlatform: boolean;
  attestations: boolean;
  secrets: boolean;
  /**
   * The built image lands in the Docker engine and is pushed from there with docker push; else
   * buildx pushes it itself (by digest), straight from the builder.
   */
  intoEngine: boolean;
}

export function capabilities(info: BuilderInfo): BuilderCapabilities {
  if (info.path === 'legacy')
    return {
      exportsCache: false,
      multiPlatform: false,
      attestations: false,
      secrets: false,
      intoEngine: true,
    };
  if (info.path === 'buildkit')
    return {
      exportsCache: false,
      multiPlatform: false,
      attestations: false,
      secrets: true,
      intoEngine: true,
    };
  // The docker driver is BuildKit inside the engine: it loads into the engine's image store, and
  // only the containerd store gives it cache export, several platforms and attestations.
  const full = info.driver !== 'docker' || info.containerdStore;
  return {
    exportsCache: full,
    multiPlatform: full,
    attestations: full,
    secrets: true,
    intoEngine: !full,
  };
}

export function builderLabel(info: BuilderInfo): string {
  if (info.path === 'buildx')
    return `buildx, builder '${info.name ?? '?'}' (${info.driver ?? '?'} driver${info.driver === 'docker' && info.containerdStore ? ', containerd image store' : ''})`;
  if (info.path === 'buildkit')
    return `BuildKit through docker build (docker ${info.clientVersion})`;
  return `the legacy builder (docker ${info.clientVersion})`;
}

/** Name and driver from `docker buildx inspect`. */
export function parseBuildxInspect(output: string): { name: string; driver: string } | undefined {
  const name = /^Name:[ \t]+(\S+)/m.exec(output)?.[1];
  const driver = /^Driver:[ \t]+(\S+)/m.exec(output)?.[1];
  return name === undefined || driver === undefined ? undefined : { name, driver };
}

export const SETUP_BUILDX_HINT =
  'add docker/setup-buildx-action before this step (its docker-container builder can)';

/** Why this builder cannot do what the inputs ask (checked before anything is written), or undefined. */
export function builderProblem(
  build: BuildInputs | undefined,
  info: BuilderInfo,
): string | undefined {
  if (build === undefined) return undefined;
  const can = capabilities(info);
  const buildxOrBetter =
    info.path === 'buildx' ? SETUP_BUILDX_HINT : 'install docker buildx and ' + SETUP_BUILDX_HINT;
  if (build.platforms.length > 1 && !can.multiPlatform)
    return `building for several platforms (${build.platforms.join(', ')}) needs a builder that can: ${buildxOrBetter}`;
  if (build.cacheTo.length > 0 && !can.exportsCache)
    return `exporting a build cache (cache-to) needs a builder that can: ${buildxOrBetter}`;
  if ((build.provenance !== 'false' || build.sbom) && !can.attestations)
    return `provenance and SBOM attestations need a builder that can attach them: ${buildxOrBetter}, or set 'provenance: false' and 'sbom: false'`;
  if (
    !can.secrets &&
    (Object.keys(build.secrets).length > 0 || Object.keys(build.secretFiles).length > 0)
  ) {
    return 'build secrets need BuildKit: install docker buildx, or point docker-cli at a Docker CLI older than 23 that runs BuildKit without it';
  }
  return undefined;
}

export interface CachePlan {
  kind: 'registry' | 'inline' | 'images' | 'custom' | 'none';
  /** buildx --cache-from / --cache-to values, or image references for docker build. */
  from: string[];
  to: string[];
  /** Said once, in the log and the summary, when the builder gives less than a registry cache. */
  note: string | undefined;
}

/**
 * The build cache for this builder. A builder that exports caches gets a registry cache in the
 * first repository (`:buildcache`, as an image manifest with OCI media types, the form ECR
 * takes); the docker driver and docker build keep their cache inline in the pushed image and read
 * it back from the tags already pushed.
 */
export function planCache(
  build: BuildInputs,
  info: BuilderInfo,
  options: { push: boolean; repositoryUri: string; tags: string[]; immutable?: boolean },
): CachePlan {
  const can = capabilities(info);
  const custom = build.cacheFrom.length > 0 || build.cacheTo.length > 0;
  const pushed = options.tags.map((tag) => `${options.repositoryUri}:${tag}`);
  if (info.path === 'buildx' && can.exportsCache) {
    if (custom)
      return { kind: 'custom', from: build.cacheFrom, to: build.cacheTo, note: undefined };
    if (!build.registryCache) return { kind: 'none', from: [], to: [], note: undefined };
    const ref = `${options.repositoryUri}:buildcache`;
    // ECR would refuse to move the cache's tag in an IMMUTABLE repository, failing the build.
    if (options.immutable === true)
      return {
        kind: 'none',
        from: [],
        to: [],
        note: `No registry cache: ${options.repositoryUri} has IMMUTABLE tags, so its :buildcache tag could never be updated. Give the cache a MUTABLE repository of its own with cache-from and cache-to (type=registry,ref=<repository>:buildcache,mode=max,image-manifest=true,oci-mediatypes=true).`,
      };
    return {
      kind: 'registry',
      from: [`type=registry,ref=${ref}`],
      to: options.push
        ? [`type=registry,ref=${ref},mode=max,image-manifest=true,oci-mediatypes=true`]
        : [],
      note: undefined,
    };
  }
  if (!build.registryCache)
    return { kind: custom ? 'custom' : 'none', from: build.cacheFrom, to: [], note: undefined };
  const why =
    info.path === 'buildx'
      ? "buildx's docker driver cannot export a build cache"
      : `${info.path === 'buildkit' ? 'docker build with BuildKit' : 'the legacy builder'} cannot export a build cache`;
  const note = `${why}, so the cache is kept inline in the pushed image and read back from the tags already pushed (every stage but the last is rebuilt). For a registry cache (${options.repositoryUri}:buildcache, all stages), ${SETUP_BUILDX_HINT}.`;
  if (info.path === 'buildx')
    return {
      kind: 'inline',
      from: [...build.cacheFrom, ...pushed.map((ref) => `type=registry,ref=${ref}`)],
      to: ['type=inline'],
      note,
    };
  return {
    kind: info.path === 'buildkit' ? 'inline' : 'images',
    from: [...build.cacheFrom, ...pushed],
    to: [],
    note,
  };
}

/**
 * The build's own failing line from its output: the Dockerfile step, what it printed last and
 * the error, rather than the "Learn more" line a CLI ends with.
 */
export function buildFailure(output: string): string {
  const lines = output.replace(/\r/g, '').split('\n');
  // BuildKit: "------\n > [2/3] RUN ...:\n0.131 message\n------\nDockerfile:3" then "ERROR: ...".
  // The last such block is the failing step; earlier ones are warnings (a cache not found).
  const stepAt = lines.findLastIndex(
    (line) => /^ > .*:$/.test(line) && !/^ > (importing|exporting) cache/.test(line),
  );
  const errorLine = [...lines].reverse().find((line) => /^(ERROR|error): /.test(line.trim()));
  if (stepAt >= 0) {
    const step = (lines[stepAt] ?? '').replace(/^ > /, '').replace(/:$/, '');
    const printed: string[] = [];
    for (const line of lines.slice(stepAt + 1)) {
      if (line.startsWith('------')) break;
      const text = line.replace(/^\d+\.\d+ /, '').trim();
      if (text !== '') printed.push(text);
    }
    const location = lines.find((line) => /^Dockerfile(\.[\w.-]+)?:\d+$/.test(line.trim()));
    const reason = errorLine
      ?.trim()
      .replace(/^(ERROR|error): /, '')
      .replace(/^failed to build: /, '')
      .replace(/^failed to solve: /, '');
    const exit = /exit code: \d+/.exec(reason ?? '')?.[0];
    const said = printed.at(-1);
    return [
      `${location === undefined ? '' : `${location.trim()}, `}${step}`,
      said === undefined
        ? (reason ?? 'failed')
        : `${said}${exit === undefined ? '' : ` (${exit})`}`,
    ].join(': ');
  }
  // The legacy builder: "Step 3/4 : RUN ...", its output, "The command '...' returned a non-zero code: 7".
  const legacyStep = [...lines].reverse().find((line) => /^Step \d+\/\d+ : /.test(line));
  const returned = lines.find((line) => /returned a non-zero code: \d+/.test(line));
  if (legacyStep !== undefined && returned !== undefined) {
    const from = lines.lastIndexOf(legacyStep);
    const printed = lines
      .slice(from + 1, lines.indexOf(returned))
      .filter((line) => line.trim() !== '' && !line.startsWith(' --->'));
    const code = /non-zero code: (\d+)/.exec(returned)?.[1] ?? '?';
    const said = printed.at(-1);
    return `${legacyStep}: ${said === undefined ? '' : `${said.trim()} `}(exit code: ${code})`;
  }
  if (errorLine !== undefined) return errorLine.trim().replace(/^(ERROR|error): /, '');
  return (
    lines
      .filter(
        (line) => line.trim() !== '' && !/^Learn more at|^View build details/.test(line.trim()),
      )
      .at(-1) ?? 'no output'
  ).trim();
}
