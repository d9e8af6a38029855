import { Response } from 'express';

/** An answer in a provider's own shape, built apart from the response it goes to. */
export interface Reply {
  status: number;
  /** Sent as JSON, except a string, which is sent as an HTML page. */
  body: unknown;
  headers?: Record<string, string>;
}

export function sendReply(res: Response, reply: Reply): void {
  res.status(reply.status).set(reply.headers ?? {});
  if (typeof reply.body === 'string') {
    res.type('html').send(reply.body);
  } else {
    res.json(reply.body);
  }
}
