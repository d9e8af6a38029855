import { OutboundRequestError } from './OutboundRequestError';

export interface SafeHttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: Buffer;
  text(): string;
  /** Throws a SyntaxError, without the body in its message, for non-JSON. */
  json(): unknown;
  /** The address actually connected to. */
  remoteAddress: string;
  timings: { totalMs: number; firstByteMs: number };
}

export async function readLimited(
  body: AsyncIterable<Buffer>,
  maxBytes: number,
  origin: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early destroys the stream, which stops the download.
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      throw new OutboundRequestError(
        'response_too_large',
        origin,
        `The response from ${origin} is larger than ${maxBytes} bytes`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

export function joinHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      joined[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return joined;
}

export function toResponse(parts: {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  origin: string;
  remoteAddress: string;
  timings: SafeHttpResponse['timings'];
}): SafeHttpResponse {
  const { origin, ...response } = parts;
  const text = () => response.body.toString('utf8');
  return {
    ...response,
    text,
    json: () => {
      try {
        return JSON.parse(text());
      } catch {
        throw new SyntaxError(`The response from ${origin} is not valid JSON`);
      }
    },
  };
}
