import { FieldChange } from './api';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Only the object's own value: a key such as `constructor` must not find Object's. */
function ownValue(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Field-level changes from `before` to `after`. Objects are compared field by
 * field; arrays and other values as a whole, so a list reads as one change.
 */
export function diffFields(
  before: unknown,
  after: unknown,
  options: { ignore?: string[] } = {},
  prefix = '',
): FieldChange[] {
  const ignore = new Set(options.ignore ?? []);
  if (!isPlainObject(before) || !isPlainObject(after)) {
    return sameValue(before, after)
      ? []
      : [{ path: prefix, kind: 'changed', before, after }];
  }
  const changes: FieldChange[] = [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const key of keys.sort()) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (ignore.has(path)) {
      continue;
    }
    const was = ownValue(before, key);
    const is = ownValue(after, key);
    if (was !== undefined && is === undefined) {
      changes.push({ path, kind: 'removed', before: was });
    } else if (was === undefined && is !== undefined) {
      changes.push({ path, kind: 'added', after: is });
    } else if (was !== undefined && is !== undefined) {
      changes.push(...diffFields(was, is, options, path));
    }
  }
  return changes;
}
