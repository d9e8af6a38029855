import { renderInTestApp } from '@backstage/frontend-test-utils';
import { keysRotatePermission } from '@internal/plugin-integrations-common';
import { screen, waitFor } from '@testing-library/react';
import { integrationsApiRef } from '../../../api';
import {
  fakeIntegrationsApi,
  permissions,
} from '../../../__testUtils__/fixtures';
import { EncryptionPanel } from './EncryptionPanel';

// A file of its own: permission answers are cached per permission for the whole file.
describe('EncryptionPanel without the rotate permission', () => {
  it('shows nothing, and loads nothing, for those who may not rotate keys', async () => {
    const api = fakeIntegrationsApi();
    const authorize = jest.fn(
      (permission: string) => permission !== keysRotatePermission.name,
    );
    await renderInTestApp(
      <>
        <EncryptionPanel />
        <p>rest of the page</p>
      </>,
      { apis: [[integrationsApiRef, api], permissions(authorize)] },
    );

    await screen.findByText('rest of the page');
    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        keysRotatePermission.name,
        undefined,
      ),
    );
    expect(screen.queryByText(/Encryption keys/)).not.toBeInTheDocument();
    expect(api.getEncryptionStatus).not.toHaveBeenCalled();
  });
});
