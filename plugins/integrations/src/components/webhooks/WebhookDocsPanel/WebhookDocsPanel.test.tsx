import { renderInTestApp } from '@backstage/frontend-test-utils';
import { WebhookDocsFormat } from '@internal/plugin-integrations-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationsApi, integrationsApiRef } from '../../../api';
import {
  fakeIntegrationsApi,
  responseError,
} from '../../../__testUtils__/fixtures';
import { WebhookDocsPanel } from './WebhookDocsPanel';

const MARKDOWN =
  '# Integration webhooks\n\n## alert.raised\n\nAn alert was raised.\n';
const ASYNCAPI = '{"asyncapi":"3.0.0"}';

async function renderPanel(overrides: Partial<IntegrationsApi> = {}) {
  const api = fakeIntegrationsApi({
    getWebhookDocs: async (format: WebhookDocsFormat) =>
      format === 'markdown' ? MARKDOWN : ASYNCAPI,
    ...overrides,
  });
  await renderInTestApp(<WebhookDocsPanel />, {
    apis: [[integrationsApiRef, api]],
  });
  return api;
}

describe('WebhookDocsPanel', () => {
  afterEach(() => jest.restoreAllMocks());

  it('renders the event catalog the backend documents', async () => {
    await renderPanel();

    expect(
      await screen.findByRole('heading', { name: 'Integration webhooks' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'alert.raised' }),
    ).toBeInTheDocument();
    expect(screen.getByText('An alert was raised.')).toBeInTheDocument();
  });

  it.each([
    [
      'Download Markdown',
      'markdown',
      'integration-webhooks.md',
      'text/markdown',
      MARKDOWN,
    ],
    [
      'Download AsyncAPI',
      'asyncapi',
      'integration-webhooks.asyncapi.json',
      'application/json',
      ASYNCAPI,
    ],
  ])(
    '%s saves the document under its file name',
    async (button, format, fileName, type, content) => {
      const createObjectURL = jest.fn((_blob: Blob) => 'blob:docs');
      const revokeObjectURL = jest.fn();
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      const saved: string[] = [];
      jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
          saved.push(this.download);
        });
      const api = await renderPanel();
      await screen.findByRole('heading', { name: 'Integration webhooks' });

      await userEvent.click(screen.getByRole('button', { name: button }));

      await waitFor(() => expect(saved).toEqual([fileName]));
      expect(api.getWebhookDocs).toHaveBeenLastCalledWith(format);
      const blob = createObjectURL.mock.calls[0][0];
      expect(blob.type).toBe(type);
      expect(await blob.text()).toBe(content);
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:docs');
    },
  );

  it('says when a download failed', async () => {
    await renderPanel({
      getWebhookDocs: async (format: WebhookDocsFormat) => {
        if (format === 'asyncapi') {
          throw await responseError(
            503,
            'ServiceUnavailableError',
            'Try later',
          );
        }
        return MARKDOWN;
      },
    });
    await screen.findByRole('heading', { name: 'Integration webhooks' });

    await userEvent.click(
      screen.getByRole('button', { name: 'Download AsyncAPI' }),
    );

    expect(await screen.findByText('The download failed')).toBeInTheDocument();
    expect(screen.getByText(/Try later/)).toBeInTheDocument();
  });

  it('offers to load the documentation again when it failed', async () => {
    let attempts = 0;
    await renderPanel({
      getWebhookDocs: async () => {
        attempts += 1;
        if (attempts === 1) {
          throw await responseError(500, 'Error', 'The catalog is rebuilding');
        }
        return MARKDOWN;
      },
    });

    expect(
      await screen.findByText('The documentation could not be loaded'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(
      await screen.findByRole('heading', { name: 'Integration webhooks' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('The documentation could not be loaded'),
    ).not.toBeInTheDocument();
  });
});
