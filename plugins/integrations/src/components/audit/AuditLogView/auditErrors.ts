import {
  FAILURE_CLASSES,
  FAILURE_CLASS_INFO,
  FailureClass,
} from '@internal/plugin-integrations-common';

/** What the backend's error names mean to someone reading the audit log. */
const ERROR_NAME_LABELS: Record<string, string> = {
  NotAllowedError: 'Not allowed',
  InputError: 'Invalid input',
  ConflictError: 'Changed by someone else first',
  NotFoundError: 'Not found',
  AuthenticationError: 'Not signed in',
  NotModifiedError: 'Nothing to change',
  ServiceUnavailableError: 'Service unavailable',
};

function isFailureClass(value: string): value is FailureClass {
  return (FAILURE_CLASSES as readonly string[]).includes(value);
}

/**
 * An audit entry's error in words: "NotAllowedError: …" becomes "Not
 * allowed: …", a test's failure class its label ("auth_invalid" → the
 * catalog's "Credentials refused"); anything else as it was recorded.
 */
export function auditErrorText(error: string): string {
  const match = /^([A-Za-z_]+)(?::\s*([\s\S]*))?$/.exec(error.trim());
  if (!match) {
    return error;
  }
  const [, name, message] = match;
  const label = isFailureClass(name)
    ? FAILURE_CLASS_INFO[name].label
    : ERROR_NAME_LABELS[name];
  if (!label) {
    return error;
  }
  return message ? `${label}: ${message}` : label;
}
