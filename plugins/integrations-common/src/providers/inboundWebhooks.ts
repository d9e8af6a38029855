import {
  INBOUND_SIGNATURE_SCHEMES,
  InboundSignatureScheme,
} from '../webhooks/inbound';
import { oneOf, text } from './fields';

/** Digests a generic HMAC signature may use. */
export const HMAC_ALGORITHMS = ['sha256', 'sha1', 'sha512'] as const;
export type HmacAlgorithm = (typeof HMAC_ALGORITHMS)[number];

/** How a generic HMAC signature is written in its header. */
export const HMAC_ENCODINGS = ['hex', 'base64'] as const;
export type HmacEncoding = (typeof HMAC_ENCODINGS)[number];

/** Standard Webhooks' tolerance, which its senders and receivers share. */
export const STANDARD_WEBHOOKS_TOLERANCE_SECONDS = 300;

/**
 * How a provider signs the webhooks it sends, as catalog data: the scheme,
 * the credential field that holds the shared secret, and the settings that
 * tune it. A provider without one receives no webhooks.
 *
 * @public
 */
export interface ProviderInboundWebhooks {
  /** The provider's own scheme, or the default where a setting chooses. */
  scheme: InboundSignatureScheme;
  /** The setting that chooses the scheme, for APIs without one of their own. */
  schemeSetting?: string;
  /** The credential field holding the signing secret. */
  secretField: string;
  /** The setting with the oldest signature accepted, in seconds. */
  toleranceSetting?: string;
  /** Tolerance when no setting gives one; schemes without timestamps ignore it. */
  defaultToleranceSeconds: number;
  /** The settings that describe a generic HMAC signature. */
  hmacSettings?: {
    header: string;
    algorithm: string;
    encoding: string;
    prefix: string;
    /** The header with the sender's event id, for dedupe; else a body hash is used. */
    eventIdHeader: string;
  };
}

/** A generic HMAC signature, as one integration's settings describe it. */
export interface HmacSignatureFormat {
  /** Lower case. */
  header: string;
  algorithm: HmacAlgorithm;
  encoding: HmacEncoding;
  /** Written before the digest, such as `sha256=`; may be empty. */
  prefix: string;
  /** Lower case, when the sender names its events in a header. */
  eventIdHeader?: string;
}

/** How one integration's inbound webhooks are verified, settings applied. */
export interface InboundWebhookSetup {
  scheme: InboundSignatureScheme;
  secretField: string;
  toleranceSeconds: number;
  /** Only for the `hmac` scheme. */
  hmac?: HmacSignatureFormat;
}

const DEFAULT_HMAC: Omit<HmacSignatureFormat, 'eventIdHeader'> = {
  header: 'x-signature',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: '',
};

function settingOf(
  settings: Record<string, unknown>,
  key: string | undefined,
): unknown {
  return key !== undefined && Object.hasOwn(settings, key)
    ? settings[key]
    : undefined;
}

function oneOfOr<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/**
 * The verification an integration's webhooks get: its provider's scheme with
 * the integration's own settings, or undefined when the provider sends none.
 * Settings were validated on write; anything unexpected falls back to the
 * defaults rather than to no verification.
 *
 * @public
 */
export function inboundWebhookSetup(
  provider: { inboundWebhooks?: ProviderInboundWebhooks },
  settings: Record<string, unknown>,
): InboundWebhookSetup | undefined {
  const definition = provider.inboundWebhooks;
  if (!definition) {
    return undefined;
  }
  const scheme = oneOfOr(
    settingOf(settings, definition.schemeSetting),
    INBOUND_SIGNATURE_SCHEMES,
    definition.scheme,
  );
  const tolerance = settingOf(settings, definition.toleranceSetting);
  const setup: InboundWebhookSetup = {
    scheme,
    secretField: definition.secretField,
    toleranceSeconds:
      typeof tolerance === 'number' && Number.isInteger(tolerance)
        ? tolerance
        : definition.defaultToleranceSeconds,
  };
  if (scheme !== 'hmac') {
    return setup;
  }
  const names = definition.hmacSettings;
  const header = settingOf(settings, names?.header);
  const prefix = settingOf(settings, names?.prefix);
  const eventIdHeader = settingOf(settings, names?.eventIdHeader);
  return {
    ...setup,
    hmac: {
      header:
        typeof header === 'string' && header
          ? header.toLowerCase()
          : DEFAULT_HMAC.header,
      algorithm: oneOfOr(
        settingOf(settings, names?.algorithm),
        HMAC_ALGORITHMS,
        DEFAULT_HMAC.algorithm,
      ),
      encoding: oneOfOr(
        settingOf(settings, names?.encoding),
        HMAC_ENCODINGS,
        DEFAULT_HMAC.encoding,
      ),
      prefix: typeof prefix === 'string' ? prefix : DEFAULT_HMAC.prefix,
      ...(typeof eventIdHeader === 'string' && eventIdHeader
        ? { eventIdHeader: eventIdHeader.toLowerCase() }
        : {}),
    },
  };
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * The settings fields of an API that signs its webhooks the Standard Webhooks
 * way or with an HMAC of the body, for the generic provider.
 */
export function webhookSignatureSettings() {
  return {
    webhookScheme: oneOf(
      {
        title: 'Webhook signature scheme',
        description:
          'How the API signs the webhooks it sends: Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature) or an HMAC of the body in one header.',
      },
      ['standard_webhooks', 'hmac'],
    ).optional(),
    webhookSignatureHeader: text({
      title: 'Webhook signature header',
      description:
        'HMAC only: the request header with the signature, such as X-Signature.',
    })
      .regex(
        HEADER_NAME,
        'Webhook signature header must be an HTTP header name, such as X-Signature',
      )
      .optional(),
    webhookHmacAlgorithm: oneOf(
      {
        title: 'Webhook HMAC algorithm',
        description: 'HMAC only: the digest the signature is made with.',
      },
      HMAC_ALGORITHMS,
    ).optional(),
    webhookSignatureEncoding: oneOf(
      {
        title: 'Webhook signature encoding',
        description: 'HMAC only: how the digest is written in the header.',
      },
      HMAC_ENCODINGS,
    ).optional(),
    webhookSignaturePrefix: text({
      title: 'Webhook signature prefix',
      description:
        'HMAC only: text before the digest in the header, such as sha256=.',
    })
      .max(32, 'Webhook signature prefix must be at most 32 characters')
      .regex(
        /^[\x21-\x7e]*$/,
        'Webhook signature prefix must be printable characters without spaces',
      )
      .optional(),
    webhookEventIdHeader: text({
      title: 'Webhook event id header',
      description:
        'HMAC only: the header naming each event, so a resent one is recognized; without it the body is compared.',
    })
      .regex(
        HEADER_NAME,
        'Webhook event id header must be an HTTP header name, such as X-Event-Id',
      )
      .optional(),
  };
}
