import { z } from 'zod';

/**
 * What a form shows for a field. Every message a field produces starts with its
 * title, so an error read outside the form still says which field is wrong.
 */
export type FieldMeta = {
  title: string;
  description?: string;
  /** Credential fields only: whether the value is masked and write-only. */
  secret?: boolean;
  /** The value spans lines (a PEM key); other text fields are one line. */
  multiline?: boolean;
};

/** C0 control characters and DEL, which no header, path or token may hold. */
// eslint-disable-next-line no-control-regex -- finding them is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** The same, but for line breaks and tabs, which a multi-line value needs. */
export const CONTROL_CHARACTERS_BUT_LINE_BREAKS =
  // eslint-disable-next-line no-control-regex -- finding them is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function settingsObject<Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
) {
  return z.strictObject(shape, {
    error: issue =>
      issue.code === 'unrecognized_keys'
        ? `Unknown setting: ${issue.keys.join(', ')}`
        : 'Settings must be an object',
  });
}

export function credentialsObject<Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
) {
  return z.strictObject(shape, {
    error: issue =>
      issue.code === 'unrecognized_keys'
        ? `Unknown credential field: ${issue.keys.join(', ')}`
        : 'Credentials must be an object',
  });
}

export function text(meta: FieldMeta) {
  return z
    .string({
      error: issue =>
        issue.input === undefined
          ? `${meta.title} is required`
          : `${meta.title} must be text`,
    })
    .min(1, `${meta.title} must not be empty`)
    .refine(
      value =>
        !(
          meta.multiline
            ? CONTROL_CHARACTERS_BUT_LINE_BREAKS
            : CONTROL_CHARACTERS
        ).test(value),
      `${meta.title} must not contain control characters (such as NUL, CR or LF)`,
    )
    .meta(meta);
}

export function wholeNumber(meta: FieldMeta, min: number, max: number) {
  const message = `${meta.title} must be a whole number from ${min} to ${max}`;
  return z
    .number({ error: message })
    .int(message)
    .min(min, message)
    .max(max, message)
    .meta(meta);
}

export function oneOf<const Values extends readonly [string, ...string[]]>(
  meta: FieldMeta,
  values: Values,
) {
  return z
    .enum(values, {
      error: `${meta.title} must be one of: ${values.join(', ')}`,
    })
    .meta(meta);
}

export function flag(meta: FieldMeta) {
  return z.boolean({ error: `${meta.title} must be true or false` }).meta(meta);
}

export function emailAddress(meta: FieldMeta) {
  return z
    .email({ error: `${meta.title} must be an email address` })
    .meta(meta);
}

/**
 * The credential fields every OAuth 2.0 provider has. Tokens are optional
 * because they only exist once someone has gone through the consent screen.
 */
export function oauth2CredentialFields(
  overrides: { clientId?: z.ZodString; clientSecret?: z.ZodString } = {},
) {
  return {
    clientId: overrides.clientId ?? text({ title: 'Client ID', secret: false }),
    clientSecret:
      overrides.clientSecret ?? text({ title: 'Client secret', secret: true }),
    refreshToken: text({
      title: 'Refresh token',
      description:
        'Issued when an account grants access; lets the backend renew the access token on its own.',
      secret: true,
    }).optional(),
    accessToken: text({
      title: 'Access token',
      description:
        'The current access token. Normally written by the token refresh task, not by hand.',
      secret: true,
    }).optional(),
  };
}
