/** A value as text for messages and comparisons: strings as they are, anything else as JSON. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === undefined) return '';
  return JSON.stringify(value);
}

/** A copy of `object` without `keys`. */
export function omitKeys<T extends Record<string, unknown>>(object: T, keys: readonly string[]): T {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key))) as T;
}
