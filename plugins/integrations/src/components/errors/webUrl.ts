/**
 * A link from the backend that the page may offer: web pages only, so a
 * `javascript:` address in a provider's answer can never run on a click.
 */
export function webUrl(url: string | undefined): string | undefined {
  if (!url) {
    return undefined;
  }
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
