import { DateTime } from 'luxon';

/** The end of the chosen local day, so a credential stays usable on the date shown. */
export function expiryOf(date: string): string | undefined {
  const day = DateTime.fromISO(date);
  return day.isValid
    ? day.endOf('day').toUTC().toISO() ?? undefined
    : undefined;
}

/** The local date of an expiry, for a date input. */
export function dateOf(expiresAt: string | undefined): string {
  return expiresAt ? DateTime.fromISO(expiresAt).toISODate() ?? '' : '';
}
