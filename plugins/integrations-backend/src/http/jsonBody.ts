import contentType from 'content-type';
import express, { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { invalidFields } from '../requestErrors/invalidRequest';
import { UnsupportedMediaTypeError } from '../requestErrors/unsupportedMediaType';

/**
 * The reader of every request body: JSON in UTF-8 (RFC 8259), nothing else.
 * Anything else is a 415 that says what came, before any handler could
 * mistake it for a body with missing fields; other charsets are refused
 * rather than decoded, so no text reaches a handler in a form nobody checked.
 */
export function jsonBody(options: {
  limit: string;
}): Array<RequestHandler | ErrorRequestHandler> {
  const requireUtf8Json: RequestHandler = (req, _res, next) => {
    if (hasBody(req)) {
      assertUtf8Json(req.headers['content-type']);
    }
    next();
  };
  const explainUnparsable: ErrorRequestHandler = (error, _req, _res, next) => {
    if (error?.type === 'entity.parse.failed') {
      // body-parser's own error carries the raw body along; say what is wrong instead.
      next(
        invalidFields([
          { path: 'body', message: `not valid JSON: ${error.message}` },
        ]),
      );
      return;
    }
    next(error);
  };
  return [
    requireUtf8Json,
    express.json({ limit: options.limit }),
    explainUnparsable,
  ];
}

/** A request without a body (none, or an empty one) needs no content type. */
function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? 0) > 0
  );
}

function assertUtf8Json(header: string | undefined): void {
  if (!header) {
    throw new UnsupportedMediaTypeError(
      'request bodies must be JSON: send Content-Type: application/json',
    );
  }
  let parsed: contentType.ParsedMediaType;
  try {
    parsed = contentType.parse(header);
  } catch {
    throw new UnsupportedMediaTypeError(
      `request bodies must be JSON (Content-Type: application/json); got an unreadable Content-Type: ${header.slice(
        0,
        100,
      )}`,
    );
  }
  if (parsed.type !== 'application/json') {
    throw new UnsupportedMediaTypeError(
      `request bodies must be JSON (Content-Type: application/json); got ${parsed.type}`,
    );
  }
  const charset = parsed.parameters.charset?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeError(
      `request bodies must be UTF-8 JSON; got charset=${charset}`,
    );
  }
}
