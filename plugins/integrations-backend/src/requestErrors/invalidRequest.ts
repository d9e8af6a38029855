import { InputError } from '@backstage/errors';
import { ValidationIssue } from '@internal/plugin-integrations-common';

/**
 * A 400 that names each wrong field. The fields travel as structured data in
 * Backstage's error body (`error.fields`: an error's own properties are
 * serialized), so a client shows each at its field without parsing the
 * message, which says the same for people and logs.
 */
export function invalidRequest(
  message: string,
  fields: ValidationIssue[],
): InputError {
  return Object.assign(new InputError(message), { fields });
}

/** `Invalid request. <path>: <message>; …` for the given fields. */
export function invalidFields(fields: ValidationIssue[]): InputError {
  return invalidRequest(
    `Invalid request. ${fields
      .map(field => `${field.path || '(body)'}: ${field.message}`)
      .join('; ')}`,
    fields,
  );
}
