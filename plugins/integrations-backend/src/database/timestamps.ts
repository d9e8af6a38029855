/** PostgreSQL returns Date objects, SQLite the epoch milliseconds it was given. */
export function toIsoString(value: Date | string | number): string {
  return new Date(value).toISOString();
}
