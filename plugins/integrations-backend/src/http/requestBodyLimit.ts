import { CustomErrorBase } from '@backstage/errors';
import express from 'express';

/** A 413: the request body is larger than the API reads. */
export class RequestBodyTooLargeError extends CustomErrorBase {
  name = 'RequestBodyTooLargeError' as const;
  statusCode = 413;
}

/**
 * Says what the limit is when the JSON body parser refused a body for its
 * size, instead of its terse "request entity too large".
 */
export const explainOversizedBody: express.ErrorRequestHandler = (
  error,
  _req,
  _res,
  next,
) => {
  if (error?.type === 'entity.too.large') {
    const { limit, length } = error as { limit: number; length?: number };
    const received =
      typeof length === 'number' ? ` (this one has ${length})` : '';
    next(
      new RequestBodyTooLargeError(
        `The request body is larger than the limit of ${limit} bytes${received}`,
      ),
    );
    return;
  }
  next(error);
};
