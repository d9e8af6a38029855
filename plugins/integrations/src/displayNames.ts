interface Named {
  /** The integration's unique name, e.g. `billing-webhooks`. */
  name: string;
  displayName: string;
}

/**
 * What to call each integration where several are shown together: its display
 * name, and where two or more share one ("Generic HTTP API" five times) the
 * display name with the unique name, "Generic HTTP API (billing-webhooks)".
 */
export function distinctDisplayNames(
  integrations: Iterable<Named>,
): Map<string, string> {
  const all = [...integrations];
  const uses = new Map<string, number>();
  for (const { displayName } of all) {
    uses.set(displayName, (uses.get(displayName) ?? 0) + 1);
  }
  return new Map(
    all.map(({ name, displayName }) => [
      name,
      (uses.get(displayName) ?? 0) > 1 && displayName !== name
        ? `${displayName} (${name})`
        : displayName,
    ]),
  );
}
