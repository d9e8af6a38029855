/**
 * A condition on rows of the given `[name, environment]` pairs, written as a
 * `values` list: PostgreSQL joins that against the rows (and stops at a
 * page's last row), where the row list `whereIn` writes is compared pair by
 * pair on each row.
 */
export function configurationsIn(
  configurations: Array<[string, string]>,
): [string, string[]] {
  return [
    `(??, ??) in (values ${configurations.map(() => '(?, ?)').join(', ')})`,
    ['integration_name', 'environment', ...configurations.flat()],
  ];
}
