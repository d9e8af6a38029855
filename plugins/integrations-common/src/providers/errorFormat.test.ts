import { getProvider } from '.';
import { providerErrorOf } from './errorFormat';

const errorOf = (provider: string, body: unknown, headers = {}) =>
  providerErrorOf(getProvider(provider), {
    bodyText: JSON.stringify(body),
    headers,
  });

describe('providerErrorOf', () => {
  it("reads each provider's own error code from its documented answers", () => {
    expect(
      errorOf(
        'stripe',
        {
          error: {
            type: 'card_error',
            code: 'card_declined',
            decline_code: 'insufficient_funds',
            message: 'Your card has insufficient funds.',
            doc_url: 'https://stripe.com/docs/error-codes/card-declined',
          },
        },
        { 'request-id': 'req_8Kq2' },
      ),
    ).toEqual({
      code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
      documentationUrl: 'https://stripe.com/docs/error-codes/card-declined',
      requestId: 'req_8Kq2',
    });
    expect(
      errorOf('google-analytics', {
        error: {
          code: 403,
          message:
            'User does not have sufficient permissions for this property.',
          status: 'PERMISSION_DENIED',
          errors: [{ reason: 'insufficientPermissions' }],
        },
      }).code,
    ).toBe('insufficientPermissions');
    expect(
      errorOf('telegram', {
        ok: false,
        error_code: 403,
        description: 'Forbidden: bot was blocked by the user',
      }).code,
    ).toBe('Forbidden: bot was blocked by the user');
    expect(
      errorOf('odoo', {
        jsonrpc: '2.0',
        error: {
          code: 200,
          message: 'Odoo Server Error',
          data: {
            name: 'odoo.exceptions.AccessDenied',
            message: 'Access Denied',
          },
        },
      }),
    ).toEqual({
      code: 'odoo.exceptions.AccessDenied',
      message: 'Access Denied',
    });
    expect(
      errorOf('paypal', {
        name: 'UNPROCESSABLE_ENTITY',
        message: 'The requested action could not be performed.',
        debug_id: 'b1d1f06c7246c',
      }).code,
    ).toBe('UNPROCESSABLE_ENTITY');
    expect(
      errorOf('linkedin', {
        serviceErrorCode: 65600,
        message: 'Invalid access token',
        status: 401,
      }).code,
    ).toBe('65600');
    expect(
      errorOf('twitter', {
        title: 'Unauthorized',
        detail: 'Unauthorized',
        type: 'about:blank',
        status: 401,
      }),
    ).toEqual({ code: 'Unauthorized', message: 'Unauthorized' });
  });

  it("falls back to OAuth's error shape on a token endpoint", () => {
    expect(
      errorOf('google-calendar', {
        error: 'invalid_grant',
        error_description: 'Token has been expired or revoked.',
      }),
    ).toEqual({
      code: 'invalid_grant',
      message: 'Token has been expired or revoked.',
    });
  });

  it('keeps only https documentation links and cuts long values', () => {
    const read = errorOf('github', {
      message: 'x'.repeat(5000),
      // eslint-disable-next-line no-script-url -- a hostile link is the point
      documentation_url: 'javascript:alert(1)',
    });
    expect(read.documentationUrl).toBeUndefined();
    expect(read.code).toHaveLength(300);
  });

  it('reads nothing from a body that is not JSON', () => {
    expect(
      providerErrorOf(getProvider('stripe'), { bodyText: '<html>502</html>' }),
    ).toEqual({});
  });
});
