import { useApi } from '@backstage/core-plugin-api';
import { MarkdownContent, Progress } from '@backstage/core-components';
import { WebhookDocsFormat } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { integrationsApiRef } from '../../../api';
import { errorMessage } from '../../../requestErrors';
import { saveFile } from '../../../saveFile';
import { InlineAlert } from '../../shared/InlineAlert';

const DOWNLOADS: Record<WebhookDocsFormat, { fileName: string; type: string }> =
  {
    markdown: { fileName: 'integration-webhooks.md', type: 'text/markdown' },
    asyncapi: {
      fileName: 'integration-webhooks.asyncapi.json',
      type: 'application/json',
    },
  };

/** The event catalog for the teams that build receivers, readable here and downloadable. */
export function WebhookDocsPanel() {
  const api = useApi(integrationsApiRef);
  const docs = useAsyncRetry(() => api.getWebhookDocs('markdown'), [api]);
  const [downloadError, setDownloadError] = useState<Error>();

  const download = async (format: WebhookDocsFormat) => {
    setDownloadError(undefined);
    try {
      const text = await api.getWebhookDocs(format);
      const { fileName, type } = DOWNLOADS[format];
      saveFile(new Blob([text], { type }), fileName);
    } catch (e) {
      setDownloadError(e as Error);
    }
  };

  return (
    <Box>
      <Box display="flex" gridGap={8} mb={2}>
        <Button variant="outlined" onClick={() => download('markdown')}>
          Download Markdown
        </Button>
        <Button variant="outlined" onClick={() => download('asyncapi')}>
          Download AsyncAPI
        </Button>
      </Box>
      {downloadError && (
        <InlineAlert severity="error" title="The download failed">
          {errorMessage(downloadError)}
        </InlineAlert>
      )}
      {docs.error && (
        <InlineAlert
          severity="error"
          title="The documentation could not be loaded"
          action={<Button onClick={docs.retry}>Retry</Button>}
        >
          {errorMessage(docs.error)}
        </InlineAlert>
      )}
      {docs.loading && !docs.value && <Progress />}
      {docs.value && <MarkdownContent content={docs.value} dialect="gfm" />}
    </Box>
  );
}
