import {
  ListInboundDeliveriesResponse,
  ListWebhookDeliveriesResponse,
  ListWebhookEndpointsResponse,
  QueuedDeliveriesResponse,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEventTypeDescriptor,
} from '@internal/plugin-integrations-common';
import { SendRequest } from './ErrorTrackingRequests';
import { IntegrationsApi } from './IntegrationsApi';
import { enc, withQuery } from './requestPaths';

/** Sends one request and hands back the answer unread: for answers without a JSON body. */
export type SendRawRequest = (
  path: string,
  init?: { method: string; body?: unknown },
) => Promise<Response>;

/** The part of the API that manages outbound webhook endpoints, their deliveries and the inbound log. */
export type WebhookApi = Pick<
  IntegrationsApi,
  | 'listWebhookEndpoints'
  | 'createWebhookEndpoint'
  | 'getWebhookEndpoint'
  | 'updateWebhookEndpoint'
  | 'deleteWebhookEndpoint'
  | 'rotateWebhookSecret'
  | 'listEndpointDeliveries'
  | 'listWebhookDeliveries'
  | 'getWebhookDelivery'
  | 'retryWebhookDelivery'
  | 'retryFailedDeliveries'
  | 'replayWebhookEvents'
  | 'sendTestWebhook'
  | 'listWebhookEventTypes'
  | 'getWebhookDocs'
  | 'listInboundDeliveries'
>;

/**
 * The webhook routes, kept apart from IntegrationsClient like the
 * error-tracking ones; the client hands them its request helpers and serves
 * them as its own methods.
 */
export class WebhookRequests implements WebhookApi {
  private readonly send: SendRequest;
  private readonly sendRaw: SendRawRequest;

  constructor(send: SendRequest, sendRaw: SendRawRequest) {
    this.send = send;
    this.sendRaw = sendRaw;
  }

  listWebhookEndpoints: WebhookApi['listWebhookEndpoints'] = (query = {}) =>
    this.send<ListWebhookEndpointsResponse>(withQuery('/webhooks', query));

  createWebhookEndpoint: WebhookApi['createWebhookEndpoint'] = request =>
    this.send<WebhookEndpointWithSecret>('/webhooks', {
      method: 'POST',
      body: request,
    });

  getWebhookEndpoint: WebhookApi['getWebhookEndpoint'] = id =>
    this.send<WebhookEndpoint>(`/webhooks/${enc(id)}`);

  updateWebhookEndpoint: WebhookApi['updateWebhookEndpoint'] = (id, request) =>
    this.send<WebhookEndpoint>(`/webhooks/${enc(id)}`, {
      method: 'PUT',
      body: request,
    });

  deleteWebhookEndpoint: WebhookApi['deleteWebhookEndpoint'] = async id => {
    await this.sendRaw(`/webhooks/${enc(id)}`, { method: 'DELETE' });
  };

  rotateWebhookSecret: WebhookApi['rotateWebhookSecret'] = (id, request = {}) =>
    this.send<WebhookEndpointWithSecret>(`/webhooks/${enc(id)}/rotate-secret`, {
      method: 'POST',
      body: request,
    });

  listEndpointDeliveries: WebhookApi['listEndpointDeliveries'] = (
    id,
    query = {},
  ) =>
    this.send<ListWebhookDeliveriesResponse>(
      withQuery(`/webhooks/${enc(id)}/deliveries`, { ...query }),
    );

  listWebhookDeliveries: WebhookApi['listWebhookDeliveries'] = (query = {}) =>
    this.send<ListWebhookDeliveriesResponse>(
      withQuery('/webhook-deliveries', { ...query }),
    );

  getWebhookDelivery: WebhookApi['getWebhookDelivery'] = id =>
    this.send<WebhookDelivery>(`/webhook-deliveries/${enc(id)}`);

  retryWebhookDelivery: WebhookApi['retryWebhookDelivery'] = id =>
    this.send<WebhookDelivery>(`/webhook-deliveries/${enc(id)}/retry`, {
      method: 'POST',
    });

  retryFailedDeliveries: WebhookApi['retryFailedDeliveries'] = (id, request) =>
    this.send<QueuedDeliveriesResponse>(`/webhooks/${enc(id)}/retry-failed`, {
      method: 'POST',
      body: request,
    });

  replayWebhookEvents: WebhookApi['replayWebhookEvents'] = (id, request) =>
    this.send<QueuedDeliveriesResponse>(`/webhooks/${enc(id)}/replay`, {
      method: 'POST',
      body: request,
    });

  sendTestWebhook: WebhookApi['sendTestWebhook'] = (id, request) =>
    this.send<WebhookDelivery>(`/webhooks/${enc(id)}/test`, {
      method: 'POST',
      body: request,
    });

  listWebhookEventTypes: WebhookApi['listWebhookEventTypes'] = () =>
    this.send<{ items: WebhookEventTypeDescriptor[] }>('/webhooks/event-types');

  getWebhookDocs: WebhookApi['getWebhookDocs'] = async format => {
    const response = await this.sendRaw(
      withQuery('/webhooks/docs', { format }),
    );
    return response.text();
  };

  listInboundDeliveries: WebhookApi['listInboundDeliveries'] = (query = {}) =>
    this.send<ListInboundDeliveriesResponse>(
      withQuery('/webhooks/inbound', { ...query }),
    );
}
