import { FieldChange } from './api';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
    const had = before[key] !== undefined;
    const has = after[key] !== undefined;
    if (had && !has) {
      changes.push({ path, kind: 'removed', before: before[key] });
    } else if (!had && has) {
      changes.push({ path, kind: 'added', after: after[key] });
    } else if (had && has) {
      changes.push(...diffFields(before[key], after[key], options, path));
    }
  }
  return changes;
}
