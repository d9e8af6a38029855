import { ProviderErrors } from './types';
import { statusText } from './http';

// The canonical gRPC codes Google's JSON APIs name in `error.status`.
const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const MESSAGES: Record<number, string> = {
  401: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  404: 'Requested entity was not found.',
  429: 'Quota exceeded for quota metric and limit of service; please retry later.',
  503: 'The service is currently unavailable.',
};

export function googleApiError(code: number, message?: string) {
  return {
    status: code,
    body: {
      error: {
        code,
        message: message ?? MESSAGES[code] ?? statusText(code),
        status: STATUS_NAMES[code] ?? (code >= 500 ? 'INTERNAL' : 'UNKNOWN'),
      },
    },
  };
}

/** The error shape of Google's JSON APIs, such as Analytics Data and Calendar. */
export const googleApiErrors: ProviderErrors = {
  unauthorized: () => googleApiError(401),
  rateLimited: () => googleApiError(429),
  failure: status => googleApiError(status),
  notFound: () => googleApiError(404),
};

/** Google counts quota per minute per user and reports it in no header. */
export const googleApiRateLimit = { limit: 600, windowMs: 60 * 1000 };
