import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  errorAutomatedFixPermission,
  errorCategorizePermission,
  errorResolvePermission,
} from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import { errorPatternDetail } from '../../../__testUtils__/errorFixtures';
import {
  fakeIntegrationsApi,
  permissions,
} from '../../../__testUtils__/fixtures';
import { rootRouteRef } from '../../../routes';
import { ErrorPatternView } from './ErrorPatternView';

jest.setTimeout(30_000);

// A file of its own: permission answers are cached per permission and
// resource for the whole file, so each test uses another integration.

/** The button once the permission check settled; it is re-rendered when it does. */
const settledButton = (name: string, enabled: boolean) =>
  waitFor(() => {
    const button = screen.getByRole('button', { name });
    expect(button.hasAttribute('disabled')).toBe(!enabled);
    return button;
  });

async function expectReason(button: HTMLElement, reason: string) {
  await userEvent.hover(button.parentElement!);
  expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);
  await userEvent.unhover(button.parentElement!);
  await waitFor(() =>
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument(),
  );
}

async function renderGroup(integration: string, denied: string[]) {
  const detail = errorPatternDetail({
    integration,
    mergedPatterns: [{ patternId: 'p-old', name: 'Old 401 group' }],
    automatedResponse: {
      enabled: false,
      actions: ['pause_checks'],
      escalationThreshold: 15,
    },
  });
  const api = fakeIntegrationsApi({ getErrorPattern: async () => detail });
  await renderInTestApp(<ErrorPatternView patternId={detail.patternId} />, {
    apis: [
      [integrationsApiRef, api],
      permissions(
        (permission, resourceRef) =>
          !denied.includes(permission) ||
          resourceRef !== `${integration}:production`,
      ),
    ],
    mountedRoutes: { '/integrations': rootRouteRef },
  });
  await screen.findByRole('heading', { name: detail.name });
  return api;
}

describe('ErrorPatternView without triage permissions', () => {
  it('keeps status, resolve, severity and snooze visible but disabled, naming the resolve permission', async () => {
    await renderGroup('no-triage', [errorResolvePermission.name]);
    const reason = `You may not triage the errors of no-triage in production: that takes the ${errorResolvePermission.name} permission`;

    for (const name of [
      'Investigating',
      'Resolve…',
      'False positive',
      'Snooze…',
    ]) {
      await expectReason(await settledButton(name, false), reason);
    }
    const severity = within(
      screen.getByRole('region', { name: 'Severity' }),
    ).getByRole('button', { name: /Severity/ });
    expect(severity).toHaveAttribute('aria-disabled', 'true');

    expect(await settledButton('Merge other groups…', true)).toBeEnabled();
    expect(await settledButton('Unmerge Old 401 group', true)).toBeEnabled();
  });

  it('keeps merge and unmerge visible but disabled, naming the categorize permission', async () => {
    await renderGroup('no-categorize', [errorCategorizePermission.name]);
    const reason = `You may not merge or unmerge the error groups of no-categorize in production: that takes the ${errorCategorizePermission.name} permission`;

    await expectReason(
      await settledButton('Merge other groups…', false),
      reason,
    );
    await expectReason(
      await settledButton('Unmerge Old 401 group', false),
      reason,
    );
    expect(await settledButton('Resolve…', true)).toBeEnabled();
  });
});

describe('ErrorPatternView and automated fixes', () => {
  it('turns the fix on and runs it with the permission', async () => {
    const api = await renderGroup('fix-allowed', []);

    const run = await settledButton('Run the fix now', true);
    await userEvent.click(run);
    await userEvent.click(
      screen.getByRole('checkbox', { name: /Run by itself with new events/ }),
    );

    expect(api.runAutomatedFix).toHaveBeenCalledWith('p-stripe-auth');
    expect(api.setAutomatedFix).toHaveBeenCalledWith('p-stripe-auth', true);
    expect(screen.getByText('Pause the health checks')).toBeInTheDocument();
  });

  it('keeps the fix visible but disabled without its permission, saying which', async () => {
    await renderGroup('fix-denied', [errorAutomatedFixPermission.name]);

    await expectReason(
      await settledButton('Run the fix now', false),
      `You may not run or turn on the automated fixes of fix-denied in production: that takes the ${errorAutomatedFixPermission.name} permission`,
    );
    expect(
      screen.getByRole('checkbox', { name: /Run by itself with new events/ }),
    ).toBeDisabled();
  });
});
