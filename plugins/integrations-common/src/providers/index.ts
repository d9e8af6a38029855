import { z } from 'zod';
import { ConfigurationTemplate, JsonSchema, ProviderDefinition } from './types';
import { brevoProvider } from './brevo';
import { genericHttpProvider } from './genericHttp';
import { githubProvider } from './github';
import { googleAnalyticsProvider } from './googleAnalytics';
import { googleCalendarProvider } from './googleCalendar';
import { linkedinProvider } from './linkedin';
import { odooProvider } from './odoo';
import { paypalProvider } from './paypal';
import { scooppProvider } from './scoopp';
import { stripeProvider } from './stripe';
import { stripeConnectProvider } from './stripeConnect';
import { telegramProvider } from './telegram';
import { twitterProvider } from './twitter';

export * from './types';
export * from './probes';
export * from './errorFormat';
export * from './inboundWebhooks';

/**
 * Every supported provider, in the order the UI lists them.
 *
 * @public
 */
export const providerCatalog: ProviderDefinition[] = [
  stripeProvider,
  paypalProvider,
  stripeConnectProvider,
  brevoProvider,
  linkedinProvider,
  twitterProvider,
  telegramProvider,
  googleAnalyticsProvider,
  githubProvider,
  scooppProvider,
  odooProvider,
  googleCalendarProvider,
  genericHttpProvider,
];

/** @public */
export function getProvider(id: string): ProviderDefinition | undefined {
  return providerCatalog.find(provider => provider.id === id);
}

/**
 * The credential fields an integration of the provider cannot work without;
 * until they are stored it is not configured, which is not a failure.
 *
 * @public
 */
export function requiredCredentialFields(
  provider: Pick<ProviderDefinition, 'credentialsSchema'>,
): string[] {
  return Object.entries(provider.credentialsSchema.shape)
    .filter(([, schema]) => !(schema as z.ZodType).safeParse(undefined).success)
    .map(([name]) => name);
}

function credentialFieldsOf(
  schema: ProviderDefinition['credentialsSchema'],
  jsonSchema: JsonSchema,
): ConfigurationTemplate['credentialFields'] {
  const properties = (jsonSchema.properties ?? {}) as Record<
    string,
    { title?: unknown; secret?: unknown }
  >;
  return Object.keys(schema.shape).map(name => {
    const { title, secret } = properties[name] ?? {};
    return {
      name,
      label: typeof title === 'string' ? title : name,
      // A field nobody marked is masked: forgetting the marker must not expose a value.
      secret: secret !== false,
    };
  });
}

/**
 * The provider as the API serves it, with its schemas as JSON Schema.
 *
 * @public
 */
export function toConfigurationTemplate(
  provider: ProviderDefinition,
): ConfigurationTemplate {
  const { settingsSchema, credentialsSchema, ...rest } = provider;
  const credentialsJsonSchema: JsonSchema = z.toJSONSchema(credentialsSchema, {
    io: 'input',
  });
  return {
    ...rest,
    settingsSchema: z.toJSONSchema(settingsSchema, { io: 'input' }),
    credentialsSchema: credentialsJsonSchema,
    credentialFields: credentialFieldsOf(
      credentialsSchema,
      credentialsJsonSchema,
    ),
  };
}
