import {
  CreateWebhookEndpointRequest,
  DEFAULT_WEBHOOK_DELIVERY_SETTINGS,
  ENVIRONMENTS,
  Environment,
  UpdateWebhookEndpointRequest,
  ValidationIssue,
  WebhookDeliverySettings,
  WebhookEndpoint,
} from '@internal/plugin-integrations-common';

type NumericSetting = Exclude<keyof WebhookDeliverySettings, 'ordered'>;

/** The form's values; numbers stay text until sent, so a half-typed one is not lost. */
export interface EndpointDraft {
  integration: string;
  name: string;
  url: string;
  events: string[];
  environments: Environment[];
  notes: string;
  settings: Record<NumericSetting, string> & { ordered: boolean };
  /** One address or CIDR range per line. */
  ipWhitelist: string;
}

export const NUMERIC_SETTINGS: Array<{
  key: NumericSetting;
  label: string;
  helperText: string;
}> = [
  { key: 'timeout', label: 'Timeout (ms)', helperText: '1000 to 30000' },
  {
    key: 'retryAttempts',
    label: 'Retry attempts',
    helperText: 'After the first try; 7 follows the standard schedule',
  },
  {
    key: 'retryDelaySeconds',
    label: 'First retry delay (s)',
    helperText: 'Later retries follow the schedule, scaled to it',
  },
  {
    key: 'maxRetryDelay',
    label: 'Longest retry delay (s)',
    helperText: 'No retry waits longer',
  },
];

function settingsText(
  settings: WebhookDeliverySettings,
): EndpointDraft['settings'] {
  return {
    timeout: String(settings.timeout),
    retryAttempts: String(settings.retryAttempts),
    retryDelaySeconds: String(settings.retryDelaySeconds),
    maxRetryDelay: String(settings.maxRetryDelay),
    ordered: settings.ordered,
  };
}

/** A new endpoint's form: all environments, the standard delivery settings. */
export function newEndpointDraft(integration = ''): EndpointDraft {
  return {
    integration,
    name: '',
    url: '',
    events: [],
    environments: [...ENVIRONMENTS],
    notes: '',
    settings: settingsText(DEFAULT_WEBHOOK_DELIVERY_SETTINGS),
    ipWhitelist: '',
  };
}

export function draftOf(endpoint: WebhookEndpoint): EndpointDraft {
  return {
    integration: endpoint.integration,
    name: endpoint.name,
    url: endpoint.url,
    events: endpoint.events,
    environments: endpoint.environments,
    notes: endpoint.metadata.notes ?? '',
    settings: settingsText(endpoint.deliverySettings),
    ipWhitelist: (endpoint.security.ipWhitelist ?? []).join('\n'),
  };
}

function deliverySettingsOf(
  draft: EndpointDraft,
): Partial<WebhookDeliverySettings> {
  const settings: Partial<WebhookDeliverySettings> = {
    ordered: draft.settings.ordered,
  };
  for (const { key } of NUMERIC_SETTINGS) {
    const text = draft.settings[key].trim();
    // Text that is no number travels as null, so the backend names the field.
    settings[key] = text === '' ? undefined : Number(text);
  }
  return settings;
}

function addresses(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map(address => address.trim())
    .filter(Boolean);
}

/**
 * The fields every save sends; the allow-list only when the user may change
 * it, so someone without that permission can still edit the rest.
 */
function commonFields(draft: EndpointDraft, mayChangeAllowList: boolean) {
  return {
    name: draft.name,
    url: draft.url.trim(),
    events: draft.events,
    environments: draft.environments,
    notes: draft.notes,
    deliverySettings: deliverySettingsOf(draft),
    ...(mayChangeAllowList
      ? { ipWhitelist: addresses(draft.ipWhitelist) }
      : {}),
  };
}

export function createRequestOf(
  draft: EndpointDraft,
  mayChangeAllowList: boolean,
): CreateWebhookEndpointRequest {
  return {
    integration: draft.integration,
    ...commonFields(draft, mayChangeAllowList),
  };
}

export function updateRequestOf(
  draft: EndpointDraft,
  mayChangeAllowList: boolean,
): UpdateWebhookEndpointRequest {
  return commonFields(draft, mayChangeAllowList);
}

/** The messages of the issues at a field or inside it (`ipWhitelist.2` belongs to `ipWhitelist`). */
export function issuesAt(
  issues: ValidationIssue[],
  path: string,
): string | undefined {
  const messages = issues
    .filter(issue => issue.path === path || issue.path.startsWith(`${path}.`))
    .map(issue => issue.message);
  return messages.length ? messages.join(' · ') : undefined;
}
