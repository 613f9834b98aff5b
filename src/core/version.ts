/** The suite's name and version, sent in every AWS user agent and shown in summaries. */
export const SUITE_NAME = 'ecs-delivery';
// Kept equal to package.json's version by a unit test.
export const SUITE_VERSION = '0.1.0';
