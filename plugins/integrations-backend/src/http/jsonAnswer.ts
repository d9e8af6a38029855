import { Request, Response } from 'express';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipped = promisify(gzip);

/**
 * An answer as sent, for answers shared between callers: its JSON text, and
 * that text gzipped once for all of them rather than by the compression of
 * each response.
 */
export interface JsonAnswer {
  json: string;
  gzipped: Buffer;
}

export async function jsonAnswerOf(value: unknown): Promise<JsonAnswer> {
  const json = JSON.stringify(value);
  return { json, gzipped: await gzipped(json) };
}

/** Sends the answer gzipped to a caller who takes gzip, else as text. */
export function sendJsonAnswer(
  req: Request,
  res: Response,
  answer: JsonAnswer,
) {
  res.type('json').vary('Accept-Encoding');
  if (req.acceptsEncodings('gzip') === 'gzip') {
    // The response compression leaves an answer that is encoded already.
    res.set('Content-Encoding', 'gzip').send(answer.gzipped);
    return;
  }
  res.send(answer.json);
}
