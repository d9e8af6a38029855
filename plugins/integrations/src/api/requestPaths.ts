type Query = Record<string, string | number | boolean | undefined>;

/** The path with the query's defined values as its search string. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) {
      params.set(key, String(value));
    }
  }
  return params.size ? `${path}?${params}` : path;
}

/** One path segment, escaped. */
export function enc(segment: string): string {
  return encodeURIComponent(segment);
}
