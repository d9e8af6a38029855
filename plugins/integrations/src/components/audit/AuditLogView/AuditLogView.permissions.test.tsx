// Apart from AuditLogView.test.tsx because usePermission keeps decisions in a
// module-wide cache: a file that allows a permission and then denies it would
// see the stale decision.
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { auditReadPermission } from '@internal/plugin-integrations-common';
import { screen } from '@testing-library/react';
import { integrationsApiRef } from '../../../api';
import {
  fakeIntegrationsApi,
  permissions,
} from '../../../__testUtils__/fixtures';
import { AuditLogView } from './AuditLogView';

describe('AuditLogView without permission to read the audit log', () => {
  it('says so, and loads nothing', async () => {
    const api = fakeIntegrationsApi();
    await renderInTestApp(<AuditLogView />, {
      apis: [
        [integrationsApiRef, api],
        permissions(permission => permission !== auditReadPermission.name),
      ],
    });

    expect(
      await screen.findByText('You may not read the audit log'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/takes the integrations.audit.read permission/),
    ).toBeInTheDocument();
    expect(api.listAudit).not.toHaveBeenCalled();
  });
});
