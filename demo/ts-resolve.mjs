// Lets Node run the demo's TypeScript (type stripping) with the `.js` import specifiers the
// test support modules use, as vitest does: a relative `./x.js` that does not exist resolves
// to `./x.ts`.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (specifier.startsWith('.') && specifier.endsWith('.js')) {
        return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
      }
      throw error;
    }
  },
});
