/**
 * Retries the assertion until it holds or a few seconds have passed, for
 * what the provider does in the background after an event was handed over.
 */
export async function eventually(assertion: () => void): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise(resolve => setTimeout(resolve, 10));
    }
  }
}
