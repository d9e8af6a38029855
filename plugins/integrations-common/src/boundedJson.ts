import { z } from 'zod';

/**
 * The bounds of every free-form JSON value the API accepts (custom and
 * provider settings, …). Deeper values would overflow the stack of whatever
 * walks them recursively later (validation, diffs, the response serializer);
 * larger ones would bloat every version row and audit record that copies them.
 */
export const JSON_VALUE_LIMITS = {
  /** Levels of objects and arrays, the value itself being the first. */
  maxDepth: 32,
  /** UTF-8 bytes of the value written as JSON. */
  maxBytes: 64 * 1024,
  /** Keys of any one object in the value. */
  maxKeys: 200,
} as const;

/** Where in a free-form value a bound is broken, relative to the value. */
export interface JsonBoundsIssue {
  path: string[];
  message: string;
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/**
 * The first bound the value breaks, if any. It walks the value with its own
 * stack and stops below the deepest allowed level, so a value nested far
 * deeper than any call stack allows is refused rather than crashing the check;
 * only a value within the depth bound is serialized to measure its size.
 */
export function jsonBoundsIssue(value: unknown): JsonBoundsIssue | undefined {
  const { maxDepth, maxBytes, maxKeys } = JSON_VALUE_LIMITS;
  const pending: Array<{ node: unknown; depth: number; path: string[] }> = [
    { node: value, depth: 1, path: [] },
  ];
  while (pending.length > 0) {
    const { node, depth, path } = pending.pop()!;
    if (!isContainer(node)) {
      continue;
    }
    if (depth > maxDepth) {
      return {
        path: [],
        message: `Nested more than ${maxDepth} levels deep`,
      };
    }
    const keys = Object.keys(node);
    if (!Array.isArray(node) && keys.length > maxKeys) {
      return {
        path,
        message: `At most ${maxKeys} keys in one object, not ${keys.length}`,
      };
    }
    // Parsers and spreads treat this key as the object's prototype, so the
    // value would not survive a round trip as it was sent.
    if (keys.includes('__proto__')) {
      return { path, message: 'A key may not be named __proto__' };
    }
    for (const key of keys) {
      const child = (node as Record<string, unknown>)[key];
      if (isContainer(child)) {
        pending.push({ node: child, depth: depth + 1, path: [...path, key] });
      }
    }
  }
  const bytes = new TextEncoder().encode(JSON.stringify(value) ?? '').length;
  if (bytes > maxBytes) {
    return {
      path: [],
      message: `At most ${
        maxBytes / 1024
      } KB (${maxBytes} bytes) as JSON, not ${bytes} bytes`,
    };
  }
  return undefined;
}

/** For `.refine(...)` of a record: no more keys than a free-form object may have. */
export const atMostJsonKeys = [
  (record: Record<string, unknown>) =>
    Object.keys(record).length <= JSON_VALUE_LIMITS.maxKeys,
  { message: `At most ${JSON_VALUE_LIMITS.maxKeys} fields` },
] as const;

/**
 * A free-form JSON object within {@link JSON_VALUE_LIMITS}. The value is
 * checked as it was sent, before anything else walks it.
 */
export function boundedJsonObject() {
  return z
    .custom<Record<string, unknown>>(
      value => isContainer(value) && !Array.isArray(value),
      'Must be a JSON object',
    )
    .superRefine((value, context) => {
      const issue = jsonBoundsIssue(value);
      if (issue) {
        context.addIssue({
          code: 'custom',
          path: issue.path,
          message: issue.message,
        });
      }
    });
}
