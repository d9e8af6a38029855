import { describeCertificateProblem, toOutboundRequestError } from './failures';
import { OutboundFailureCode } from './OutboundRequestError';

const ORIGIN = 'https://api.example.com:443';

function errorWith(code: string | undefined) {
  // Raw messages can quote the request line; none of it may come through.
  return Object.assign(new Error('GET /bot123:SECRETTOKEN/getMe failed'), {
    code,
  });
}

describe('toOutboundRequestError', () => {
  it.each<[string | undefined, OutboundFailureCode, string]>([
    [
      'ECONNREFUSED',
      'connection_refused',
      `Connection to ${ORIGIN} was refused`,
    ],
    [
      'UND_ERR_CONNECT_TIMEOUT',
      'timeout',
      `Connection to ${ORIGIN} timed out after 5000 ms`,
    ],
    ['ETIMEDOUT', 'timeout', `Connection to ${ORIGIN} timed out after 5000 ms`],
    [
      'CERT_HAS_EXPIRED',
      'tls_error',
      `TLS connection to ${ORIGIN} failed: the certificate has expired (CERT_HAS_EXPIRED)`,
    ],
    [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'tls_error',
      `TLS connection to ${ORIGIN} failed: the certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)`,
    ],
    [
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'tls_error',
      `TLS connection to ${ORIGIN} failed: the certificate is not valid for this host name (hostname mismatch) (ERR_TLS_CERT_ALTNAME_INVALID)`,
    ],
    [
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'tls_error',
      `TLS connection to ${ORIGIN} failed: the certificate is issued by an authority that is not trusted (UNABLE_TO_GET_ISSUER_CERT_LOCALLY)`,
    ],
    [
      'CERT_UNTRUSTED',
      'tls_error',
      `TLS connection to ${ORIGIN} failed (CERT_UNTRUSTED)`,
    ],
    [
      'ERR_SSL_WRONG_VERSION_NUMBER',
      'tls_error',
      `TLS connection to ${ORIGIN} failed (ERR_SSL_WRONG_VERSION_NUMBER)`,
    ],
    [
      'ECONNRESET',
      'connection_closed',
      `${ORIGIN} accepted the connection and closed it without an HTTP answer (ECONNRESET)`,
    ],
    [
      'UND_ERR_SOCKET',
      'connection_closed',
      `${ORIGIN} accepted the connection and closed it without an HTTP answer (UND_ERR_SOCKET)`,
    ],
    [
      'HPE_INVALID_CONSTANT',
      'not_http',
      `${ORIGIN} answered with something that is not HTTP`,
    ],
    [
      'UND_ERR_INVALID_ARG',
      'request_invalid',
      `The request to ${ORIGIN} was not sent: a header or the path holds a value HTTP cannot carry (UND_ERR_INVALID_ARG)`,
    ],
    [
      'ERR_INVALID_CHAR',
      'request_invalid',
      `The request to ${ORIGIN} was not sent: a header or the path holds a value HTTP cannot carry (ERR_INVALID_CHAR)`,
    ],
    [
      'EHOSTUNREACH',
      'network_error',
      `Request to ${ORIGIN} failed (EHOSTUNREACH)`,
    ],
    [undefined, 'network_error', `Request to ${ORIGIN} failed`],
  ])('maps %s to %s', (code, expectedCode, expectedMessage) => {
    const error = toOutboundRequestError(errorWith(code), ORIGIN, 5000);

    expect(error.code).toBe(expectedCode);
    expect(error.origin).toBe(ORIGIN);
    expect(error.message).toBe(expectedMessage);
  });

  it('copes with thrown values that are not errors', () => {
    expect(toOutboundRequestError('boom', ORIGIN, 5000).message).toBe(
      `Request to ${ORIGIN} failed`,
    );
    expect(toOutboundRequestError(undefined, ORIGIN, 5000).code).toBe(
      'network_error',
    );
  });
});

describe('describeCertificateProblem', () => {
  it('puts known codes into words and keeps unknown ones', () => {
    expect(describeCertificateProblem('CERT_NOT_YET_VALID')).toBe(
      'the certificate is not valid yet (CERT_NOT_YET_VALID)',
    );
    expect(describeCertificateProblem('INVALID_PURPOSE')).toBe(
      'the certificate is not valid (INVALID_PURPOSE)',
    );
  });
});
