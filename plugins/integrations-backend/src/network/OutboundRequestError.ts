export type OutboundFailureCode =
  | 'invalid_url'
  | 'blocked_by_policy'
  | 'dns_failure'
  | 'connection_refused'
  | 'connection_closed'
  | 'not_http'
  | 'request_invalid'
  | 'timeout'
  | 'tls_error'
  | 'response_too_large'
  | 'network_error';

/**
 * Why an outbound call failed, in words that are safe to store and show.
 *
 * The message names only the origin (scheme://host:port): paths can carry
 * tokens (Telegram puts the bot token there) and headers carry keys, so
 * neither the rest of the URL nor the underlying error travels with it.
 */
export class OutboundRequestError extends Error {
  readonly code: OutboundFailureCode;
  /** scheme://host:port of the target; empty when the URL could not be parsed. */
  readonly origin: string;

  constructor(code: OutboundFailureCode, origin: string, message: string) {
    super(message);
    this.name = 'OutboundRequestError';
    this.code = code;
    this.origin = origin;
  }
}
