import { CustomErrorBase } from '@backstage/errors';

/**
 * A 415: the request's body comes in a form the API does not read. Backstage
 * has no error of its own for it; its error handler answers with the status
 * an error carries in `statusCode`.
 */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  readonly statusCode = 415;
}
