import { ResponseError } from '@backstage/errors';
import { ValidationIssue } from '@internal/plugin-integrations-common';

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
 * The field errors of a 400 answer: the backend lists each wrong field, with
 * its path and message, in the error body's `fields`.
 */
export function fieldIssuesOf(error: Error): ValidationIssue[] {
  if (!ResponseError.is(error) || error.statusCode !== 400) {
    return [];
  }
  const fields: unknown = (error.body.error as { fields?: unknown }).fields;
  return Array.isArray(fields)
    ? fields.filter(
        (field): field is ValidationIssue =>
          typeof field?.path === 'string' && typeof field?.message === 'string',
      )
    : [];
}
