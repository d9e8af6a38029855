import { InboundWebhookSetup } from '@internal/plugin-integrations-common';
import { createHash } from 'node:crypto';
import { SignedRequest } from './signatureSchemes';
import { GITHUB_SIGNATURE } from './schemes/hmacSignature';

/** Verified bodies up to this size are kept for the inbound log. */
export const KEPT_BODY_BYTES = 256 * 1024;
/** Deeper bodies are refused: whatever reads the event later walks it recursively. */
export const MAX_BODY_DEPTH = 64;

/** A verified webhook, read: what it is, and what to publish and keep. */
export interface InboundEvent {
  providerEventId: string;
  eventType?: string;
  payload: unknown;
  /** JSON text to keep for the log; absent for a body too large to keep. */
  keptBody?: string;
}

export type ReadEvent =
  | ({ ok: true } & InboundEvent)
  | { ok: false; reason: string };

const PRINTABLE_TOKEN = /^[\x21-\x7e]{1,200}$/;
const PRINTABLE_TEXT = /^[\x20-\x7e]{1,200}$/;

function malformed(reason: string): ReadEvent {
  return { ok: false, reason };
}

/** Whether JSON text nests deeper than allowed, found without parsing it. */
function nestsTooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') {
        i++;
      } else if (char === '"') {
        inString = false;
      }
    } else if (char === '"') {
      inString = true;
    } else if (char === '[' || char === '{') {
      depth++;
      if (depth > MAX_BODY_DEPTH) {
        return true;
      }
    } else if (char === ']' || char === '}') {
      depth--;
    }
  }
  return false;
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function field(payload: unknown, name: string): unknown {
  return typeof payload === 'object' &&
    payload !== null &&
    !Array.isArray(payload) &&
    Object.hasOwn(payload, name)
    ? (payload as Record<string, unknown>)[name]
    : undefined;
}

function printable(value: unknown): string | undefined {
  return typeof value === 'string' && PRINTABLE_TEXT.test(value)
    ? value
    : undefined;
}

/** GitHub may send its JSON as the `payload` field of a form. */
function jsonTextOf(
  setup: InboundWebhookSetup,
  text: string,
  contentType: string | undefined,
): string | undefined {
  if (
    setup.scheme === 'github' &&
    contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')
  ) {
    return new URLSearchParams(text).get('payload') ?? undefined;
  }
  return text;
}

/** The sender's id of the event, and its type, by scheme. */
function identify(
  setup: InboundWebhookSetup,
  request: SignedRequest,
  payload: unknown,
): { id?: unknown; type?: unknown; missing: string } {
  switch (setup.scheme) {
    case 'stripe':
      return {
        id: field(payload, 'id'),
        type: field(payload, 'type'),
        missing: 'A Stripe event needs its id',
      };
    case 'github':
      return {
        id: request.header(GITHUB_SIGNATURE.eventIdHeader!),
        type: request.header('x-github-event'),
        missing: 'A GitHub webhook needs its X-GitHub-Delivery header',
      };
    case 'telegram': {
      const updateId = field(payload, 'update_id');
      return {
        id: Number.isSafeInteger(updateId) ? String(updateId) : undefined,
        // An update carries exactly one of message, edited_message, callback_query, …
        type: Object.keys(
          typeof payload === 'object' && payload ? payload : {},
        ).find(key => key !== 'update_id'),
        missing: 'A Telegram update needs a whole-number update_id',
      };
    }
    case 'standard_webhooks':
      return {
        id: request.header('webhook-id'),
        type: field(payload, 'type'),
        missing: 'A Standard Webhooks message needs its webhook-id header',
      };
    default: {
      const header = setup.hmac?.eventIdHeader;
      return {
        id: header
          ? request.header(header)
          : `sha256:${createHash('sha256')
              .update(request.rawBody)
              .digest('hex')}`,
        type: field(payload, 'type') ?? field(payload, 'event'),
        missing: `The webhook needs its ${header} header`,
      };
    }
  }
}

/**
 * Reads a webhook whose signature holds: its body as UTF-8 JSON (any text
 * for a generic HMAC sender), and the event id that tells a resend apart.
 */
export function readInboundEvent(
  setup: InboundWebhookSetup,
  request: SignedRequest,
  contentType: string | undefined,
): ReadEvent {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(request.rawBody);
  } catch {
    return malformed('The body is not valid UTF-8');
  }
  const jsonText = jsonTextOf(setup, text, contentType);
  if (jsonText !== undefined && nestsTooDeep(jsonText)) {
    return malformed(`The body nests more than ${MAX_BODY_DEPTH} levels deep`);
  }
  const parsed = jsonText === undefined ? undefined : parseJson(jsonText);
  if (!parsed && setup.scheme !== 'hmac') {
    return malformed('The body is not JSON');
  }
  const payload = parsed ? parsed.value : text;
  const { id, type, missing } = identify(setup, request, payload);
  if (typeof id !== 'string' || !PRINTABLE_TOKEN.test(id)) {
    return malformed(missing);
  }
  const eventType = printable(type);
  const keep = parsed ? jsonText! : JSON.stringify(text);
  return {
    ok: true,
    providerEventId: id,
    ...(eventType ? { eventType } : {}),
    payload,
    ...(Buffer.byteLength(keep) <= KEPT_BODY_BYTES ? { keptBody: keep } : {}),
  };
}
