import { isValid, parse, parseCIDR } from 'ipaddr.js';
import { OutboundRequestError, SafeHttpClient } from '../network';
import { retryAfterMs } from '../client/clientAnswers';
import { ClaimedDelivery, AttemptOutcome } from './WebhookDeliveryStore';
import { nextAttemptAt } from './retrySchedule';
import { signMessage } from './signing';

/** A receiver's answer kept for the delivery log: enough to see what it said. */
const MAX_RESPONSE_BYTES = 64 * 1024;
const MAX_RESPONSE_HEADERS = 50;

/** Does every address the URL resolves to sit inside the allow-list? */
function outsideAllowList(addresses: string[], allowList: string[]): string[] {
  const ranges = allowList.map(entry =>
    entry.includes('/')
      ? parseCIDR(entry)
      : ([parse(entry), parse(entry).kind() === 'ipv4' ? 32 : 128] as const),
  );
  return addresses.filter(address => {
    if (!isValid(address)) {
      return true;
    }
    const parsed = parse(address);
    return !ranges.some(
      ([range, bits]) =>
        range.kind() === parsed.kind() && parsed.match(range, bits),
    );
  });
}

function boundedHeaders(
  headers: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .slice(0, MAX_RESPONSE_HEADERS)
      .map(([name, value]) => [name, value.slice(0, 1000)]),
  );
}

/**
 * One attempt: signs the message with the endpoint's secrets, sends it
 * through the safe client, and says what follows. 2xx is delivered; a
 * redirect is a failure (not followed, so the signed body never lands
 * somewhere else); 410 means the receiver is gone for good and disables the
 * endpoint; 429 and 503 wait as long as Retry-After asks; anything else waits
 * for the next step of the schedule.
 */
export async function attemptDelivery(options: {
  claim: ClaimedDelivery;
  secrets: string[];
  http: SafeHttpClient;
  now: () => Date;
  random?: () => number;
}): Promise<AttemptOutcome> {
  const { claim, http, now } = options;
  const { endpoint } = claim;
  const settings = endpoint.deliverySettings;
  const startedAt = now();
  const requestHeaders: Record<string, string> = {
    ...signMessage({
      id: claim.eventId,
      timestamp: startedAt,
      body: claim.body,
      secrets: options.secrets,
    }),
  };
  const started = performance.now();
  const attemptsMade = claim.attempts + 1;
  const retry = (retryAfterSeconds?: number) =>
    attemptsMade < claim.maxAttempts
      ? nextAttemptAt(settings, attemptsMade, now(), {
          retryAfterSeconds,
          random: options.random,
        })
      : undefined;
  const failed = (error: string, extra: Partial<AttemptOutcome> = {}) => ({
    startedAt,
    durationMs: performance.now() - started,
    success: false,
    requestHeaders,
    error,
    nextAttemptAt: retry(),
    ...extra,
  });
  try {
    if (endpoint.ipAllowList?.length) {
      const { addresses } = await http.resolve(endpoint.url);
      const outside = outsideAllowList(addresses, endpoint.ipAllowList);
      if (outside.length > 0) {
        return failed(
          `The endpoint's host resolves to ${outside.join(
            ', ',
          )}, outside its IP allow-list; nothing was sent`,
        );
      }
    }
    const response = await http.request({
      url: endpoint.url,
      method: 'POST',
      headers: requestHeaders,
      body: claim.body,
      timeoutMs: settings.timeout,
      maxResponseBytes: MAX_RESPONSE_BYTES,
    });
    const answered = {
      status: response.status,
      responseHeaders: boundedHeaders(response.headers),
      responseBody: response.body.toString('utf8'),
    };
    if (response.status >= 200 && response.status < 300) {
      return {
        startedAt,
        durationMs: performance.now() - started,
        success: true,
        requestHeaders,
        ...answered,
      };
    }
    if (response.status === 410) {
      return failed(
        'The receiver answered 410 Gone: the endpoint was disabled',
        {
          ...answered,
          nextAttemptAt: undefined,
          final: true,
          disableEndpoint: 'The receiver answered 410 Gone',
        },
      );
    }
    if (response.status >= 300 && response.status < 400) {
      return failed(
        `The receiver answered ${response.status}, a redirect${
          response.headers.location
            ? ` to ${response.headers.location.slice(0, 300)}`
            : ''
        }; redirects are not followed, so point the endpoint at the final URL`,
        answered,
      );
    }
    const retryAfter =
      response.status === 429 || response.status === 503
        ? retryAfterMs(response.headers['retry-after'])
        : undefined;
    return failed(`The receiver answered ${response.status}`, {
      ...answered,
      nextAttemptAt: retry(
        retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000),
      ),
    });
  } catch (error) {
    if (error instanceof OutboundRequestError) {
      return failed(error.message);
    }
    throw error;
  }
}
