import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EncryptionStatus } from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
} from '../../../__testUtils__/fixtures';
import { EncryptionPanel } from './EncryptionPanel';

jest.setTimeout(20_000);

const midRotation: EncryptionStatus = {
  algorithm: 'aes-256-gcm',
  primaryKeyId: 'key-2026',
  keys: [
    { id: 'key-2025', primary: false, protects: 4 },
    { id: 'key-2026', primary: true, protects: 8 },
  ],
  pending: 4,
  rotationSchedule: { frequency: { hours: 24 } },
  lastRotation: {
    primaryKeyId: 'key-2026',
    trigger: 'schedule',
    startedAt: '2026-11-20T09:00:00.000Z',
    finishedAt: '2026-11-20T09:00:05.000Z',
    rewrapped: 8,
  },
};

const rotated: EncryptionStatus = {
  ...midRotation,
  keys: [
    { id: 'key-2025', primary: false, protects: 0 },
    { id: 'key-2026', primary: true, protects: 12 },
  ],
  pending: 0,
};

describe('EncryptionPanel', () => {
  it('shows the key ring to admins and rotates on request', async () => {
    const api = fakeIntegrationsApi({
      getEncryptionStatus: async () => midRotation,
      rotateKeys: async () => ({
        primaryKeyId: 'key-2026',
        rewrapped: 4,
        remaining: 0,
      }),
    });
    await renderInTestApp(<EncryptionPanel />, {
      apis: [[integrationsApiRef, api], allowEverything()],
    });

    await userEvent.click(
      await screen.findByRole('button', { name: /Encryption keys/ }),
    );
    expect(
      await screen.findByText(/AES-256-GCM · primary key/),
    ).toHaveTextContent('primary key key-2026 · 4 fields pending re-wrap');
    const keys = screen.getByRole('table', { name: 'Encryption keys' });
    expect(
      within(keys).getByRole('row', { name: 'key-2025 4 fields' }),
    ).toBeInTheDocument();
    expect(
      within(keys).getByRole('row', { name: 'key-2026 (primary) 8 fields' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Last rotation/)).toHaveTextContent(
      'by schedule, onto key-2026: 8 fields re-wrapped',
    );

    api.getEncryptionStatus.mockResolvedValue(rotated);
    await userEvent.click(screen.getByRole('button', { name: 'Rotate now' }));

    expect(
      await screen.findByText(
        'Re-wrapped 4 fields under key-2026; no field is on another key.',
      ),
    ).toBeInTheDocument();
    expect(api.rotateKeys).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(
        within(keys).getByRole('row', { name: 'key-2025 0 fields' }),
      ).toBeInTheDocument(),
    );
    expect(screen.getByText(/nothing pending/)).toBeInTheDocument();
  });
});
