import { ResponseError } from '@backstage/errors';
import { ValidationIssue } from '@internal/plugin-integrations-common';

const INVALID_REQUEST_PREFIX = 'Invalid request.';

/** What the backend said went wrong, rather than the HTTP status line. */
export function errorMessage(error: Error): string {
  if (ResponseError.is(error)) {
    return error.body.error?.message || error.message;
  }
  return error.message;
}

/** Whether someone else saved the configuration since it was loaded. */
export function isConflict(error: Error): boolean {
  return ResponseError.is(error) && error.statusCode === 409;
}

/**
 * The field errors of a 400 answer, which the backend words as
 * `Invalid request. <field.path>: <message>; ...`, so they can be shown at their fields.
 */
export function fieldIssuesOf(error: Error): ValidationIssue[] {
  if (!ResponseError.is(error) || error.statusCode !== 400) {
    return [];
  }
  const message = errorMessage(error);
  if (!message.startsWith(INVALID_REQUEST_PREFIX)) {
    return [];
  }
  return message
    .slice(INVALID_REQUEST_PREFIX.length)
    .split(';')
    .map(part => part.trim())
    .flatMap(part => {
      const match = /^([\w.]+): (.+)$/.exec(part);
      return match ? [{ path: match[1], message: match[2] }] : [];
    });
}
