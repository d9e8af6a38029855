import { OutboundRequestError } from './OutboundRequestError';

const UNTRUSTED_ISSUER =
  'the certificate is issued by an authority that is not trusted';

const CERTIFICATE_PROBLEMS = new Map([
  ['CERT_HAS_EXPIRED', 'the certificate has expired'],
  ['CERT_NOT_YET_VALID', 'the certificate is not valid yet'],
  ['CERT_REVOKED', 'the certificate has been revoked'],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'the certificate is self-signed'],
  [
    'SELF_SIGNED_CERT_IN_CHAIN',
    'the certificate chain ends in a self-signed certificate that is not trusted',
  ],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', UNTRUSTED_ISSUER],
  ['UNABLE_TO_GET_ISSUER_CERT', UNTRUSTED_ISSUER],
  ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', UNTRUSTED_ISSUER],
  [
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'the certificate is not valid for this host name (hostname mismatch)',
  ],
]);

/** Words for an OpenSSL or Node certificate error code, keeping the code. */
export function describeCertificateProblem(code: string): string {
  const words = CERTIFICATE_PROBLEMS.get(code);
  return words
    ? `${words} (${code})`
    : `the certificate is not valid (${code})`;
}

const CLOSED_WITHOUT_ANSWER = new Set([
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ECONNRESET',
  'EPIPE',
]);

/** Raised by the HTTP library itself before a byte is written. */
const REFUSED_BEFORE_SENDING = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_INVALID_CHAR',
  'ERR_UNESCAPED_CHARACTERS',
]);

function isParserError(error: unknown): boolean {
  return (
    (error as { name?: unknown } | null)?.name === 'HTTPParserError' ||
    /^HPE_/.test(errorCode(error) ?? '')
  );
}

/**
 * Maps an error from a socket or from undici to an OutboundRequestError. Only
 * the error code is kept: raw messages may quote the URL or a header.
 */
export function toOutboundRequestError(
  error: unknown,
  origin: string,
  connectTimeoutMs: number,
): OutboundRequestError {
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') {
    return new OutboundRequestError(
      'connection_refused',
      origin,
      `Connection to ${origin} was refused`,
    );
  }
  // Something listens, but is not an HTTP server: a database or mail port.
  if (code && CLOSED_WITHOUT_ANSWER.has(code)) {
    return new OutboundRequestError(
      'connection_closed',
      origin,
      `${origin} accepted the connection and closed it without an HTTP answer (${code})`,
    );
  }
  if (isParserError(error)) {
    return new OutboundRequestError(
      'not_http',
      origin,
      `${origin} answered with something that is not HTTP`,
    );
  }
  // The HTTP library refused to build the request, so nothing left this
  // host: a header or path held a character HTTP cannot carry.
  if (code && REFUSED_BEFORE_SENDING.has(code)) {
    return new OutboundRequestError(
      'request_invalid',
      origin,
      `The request to ${origin} was not sent: a header or the path holds a value HTTP cannot carry (${code})`,
    );
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return new OutboundRequestError(
      'timeout',
      origin,
      `Connection to ${origin} timed out after ${connectTimeoutMs} ms`,
    );
  }
  if (code && CERTIFICATE_PROBLEMS.has(code)) {
    return new OutboundRequestError(
      'tls_error',
      origin,
      `TLS connection to ${origin} failed: ${describeCertificateProblem(code)}`,
    );
  }
  // OpenSSL's other verification codes (CERT_UNTRUSTED, ...) and handshake
  // failures, such as an https URL pointing at a plain-HTTP port.
  if (code && /CERT|^ERR_(SSL|TLS)_|^EPROTO$/.test(code)) {
    return new OutboundRequestError(
      'tls_error',
      origin,
      `TLS connection to ${origin} failed (${code})`,
    );
  }
  return new OutboundRequestError(
    'network_error',
    origin,
    code
      ? `Request to ${origin} failed (${code})`
      : `Request to ${origin} failed`,
  );
}

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
