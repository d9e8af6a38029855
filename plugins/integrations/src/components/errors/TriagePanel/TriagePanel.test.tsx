import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  errorPattern,
  errorPatternDetail,
} from '../../../__testUtils__/errorFixtures';
import { responseError } from '../../../__testUtils__/fixtures';
import {
  renderErrorGroup,
  section,
} from '../../../__testUtils__/renderErrorGroup';

jest.setTimeout(30_000);

// Each test names its own integration: permission answers are cached per
// resource across the tests of a file.
describe('TriagePanel', () => {
  it('starts a resolution from the known fix and what prevents it', async () => {
    const detail = errorPatternDetail({ integration: 'template-test' });
    const api = await renderErrorGroup(detail, {
      resolveError: async () => errorPattern({ status: 'resolved' }),
    });

    await userEvent.click(screen.getByRole('button', { name: 'Resolve…' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start from the known fix' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Resolve' }),
    );

    await waitFor(() =>
      expect(api.resolveError).toHaveBeenCalledWith('e-1', {
        resolution: 'resolved',
        text: 'Roll the secret key in the Stripe dashboard',
        preventionMeasures: ['Set an expiry reminder on the key'],
      }),
    );
  });

  it('resolves the group through its latest event with what fixed it, then shows it again', async () => {
    const detail = errorPatternDetail({ integration: 'resolve-test' });
    const getErrorPattern = jest
      .fn()
      .mockResolvedValueOnce(detail)
      .mockResolvedValue({
        ...detail,
        status: 'resolved',
        resolution: {
          status: 'workaround_applied',
          resolvedBy: 'user:default/ada',
          resolvedAt: new Date().toISOString(),
          resolution: 'Rolled the key and stored the new one',
          preventionMeasures: ['Expiry reminder'],
        },
      });
    const api = await renderErrorGroup(detail, {
      getErrorPattern,
      resolveError: async () => errorPattern({ status: 'resolved' }),
    });

    await userEvent.click(screen.getByRole('button', { name: 'Resolve…' }));
    const dialog = screen.getByRole('dialog', {
      name: 'Resolve “Stripe rejects the API key”',
    });
    await userEvent.click(
      within(dialog).getByRole('radio', { name: 'Workaround applied' }),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /What fixed it/ }),
      'Rolled the key and stored the new one',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Add a measure' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Add a measure' }),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Measure 2' }),
      'Expiry reminder',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Resolve' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.resolveError).toHaveBeenCalledWith('e-1', {
      resolution: 'workaround_applied',
      text: 'Rolled the key and stored the new one',
      preventionMeasures: ['Expiry reminder'],
    });
    const status = section('Status');
    expect(await within(status).findByText('Resolved')).toBeInTheDocument();
    expect(
      within(status).getByText(/^Workaround applied by ada on/),
    ).toBeInTheDocument();
    expect(
      within(
        within(status).getByRole('list', { name: 'Prevention measures' }),
      ).getByText('Expiry reminder'),
    ).toBeInTheDocument();
    expect(
      within(status).getByRole('button', { name: 'Reopen' }),
    ).toBeInTheDocument();
    expect(getErrorPattern).toHaveBeenCalledTimes(2);
  });

  it('shows the field errors of a refused resolution next to their fields', async () => {
    const detail = errorPatternDetail({ integration: 'refused-test' });
    await renderErrorGroup(detail, {
      resolveError: async () => {
        throw await responseError(400, 'InputError', 'Invalid request', [
          { path: 'body.text', message: 'No control characters' },
          {
            path: 'body.preventionMeasures.0',
            message: 'At most 500 characters',
          },
        ]);
      },
    });

    await userEvent.click(screen.getByRole('button', { name: 'Resolve…' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /What fixed it/ }),
      'Rolled the key',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Add a measure' }),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Measure 1' }),
      'A very long measure',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Resolve' }),
    );

    expect(
      await within(dialog).findByText('No control characters'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('textbox', { name: /What fixed it/ }),
    ).toHaveAttribute('aria-invalid', 'true');
    expect(
      within(dialog).getByRole('textbox', { name: 'Measure 1' }),
    ).toHaveAttribute('aria-invalid', 'true');
    expect(
      within(dialog).getByText('At most 500 characters'),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('sets the status and the severity, and goes back to the computed severity', async () => {
    const detail = errorPatternDetail({ integration: 'status-test' });
    const overridden = {
      ...detail,
      severity: 'critical' as const,
      severityOverridden: true,
    };
    const getErrorPattern = jest
      .fn()
      .mockResolvedValueOnce(detail)
      .mockResolvedValueOnce({ ...detail, status: 'investigating' })
      .mockResolvedValue(overridden);
    const api = await renderErrorGroup(detail, {
      getErrorPattern,
      setErrorPatternStatus: async () => errorPattern(),
      setErrorPatternSeverity: async () => errorPattern(),
    });

    await userEvent.click(
      screen.getByRole('button', { name: 'Investigating' }),
    );
    expect(api.setErrorPatternStatus).toHaveBeenCalledWith(
      'p-stripe-auth',
      'investigating',
    );
    expect(
      await screen.findByRole('button', { name: 'Back to open' }),
    ).toBeInTheDocument();

    await userEvent.click(
      within(section('Severity')).getByLabelText('Severity'),
    );
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Critical',
      }),
    );
    expect(api.setErrorPatternSeverity).toHaveBeenLastCalledWith(
      'p-stripe-auth',
      'critical',
    );
    expect(
      await within(section('Severity')).findByText(
        'Set by hand. Computed from impact: Every payment call fails',
      ),
    ).toBeInTheDocument();

    await userEvent.click(
      within(section('Severity')).getByLabelText('Severity'),
    );
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Computed from impact',
      }),
    );
    expect(api.setErrorPatternSeverity).toHaveBeenLastCalledWith(
      'p-stripe-auth',
      null,
    );
  });

  it('snoozes the group until it happens more, and wakes a snoozed one', async () => {
    const detail = errorPatternDetail({ integration: 'snooze-test' });
    const snoozed = {
      ...detail,
      snooze: {
        untilOccurrences: 250,
        snoozedBy: 'user:default/ada',
        snoozedAt: new Date().toISOString(),
      },
    };
    const getErrorPattern = jest
      .fn()
      .mockResolvedValueOnce(detail)
      .mockResolvedValue(snoozed);
    const api = await renderErrorGroup(detail, {
      getErrorPattern,
      snoozeErrorPattern: async () => errorPattern(),
      wakeErrorPattern: async () => errorPattern(),
    });

    await userEvent.click(screen.getByRole('button', { name: 'Snooze…' }));
    const dialog = screen.getByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Until' }),
    );
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'After more events' }),
    );
    const events = within(dialog).getByRole('spinbutton', { name: 'Events' });
    await userEvent.clear(events);
    await userEvent.type(events, '250');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Snooze' }),
    );

    expect(api.snoozeErrorPattern).toHaveBeenCalledWith('p-stripe-auth', {
      untilOccurrences: 250,
    });
    expect(
      await within(section('Snooze')).findByText(
        'Snoozed by ada, quiet after 250 more events.',
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Wake now' }));
    expect(api.wakeErrorPattern).toHaveBeenCalledWith('p-stripe-auth');
  });

  it('merges other groups of the integration in, and unmerges one', async () => {
    const detail = errorPatternDetail({
      integration: 'merge-test',
      mergedPatterns: [{ patternId: 'p-old', name: 'Old 401 group' }],
    });
    const sibling = errorPattern({
      patternId: 'p-sibling',
      name: 'Stripe says the key expired',
      integration: 'merge-test',
    });
    const api = await renderErrorGroup(detail, {
      listErrorPatterns: async () => ({
        items: [errorPattern({ ...detail }), sibling],
        totalCount: 2,
      }),
      mergeErrorPatterns: async () => errorPattern(),
      unmergeErrorPattern: async () => errorPattern(),
    });

    await userEvent.click(
      screen.getByRole('button', { name: 'Merge other groups…' }),
    );
    const dialog = screen.getByRole('dialog');
    const candidates = await within(dialog).findByRole('list', {
      name: 'Groups to merge',
    });
    expect(within(candidates).getAllByRole('checkbox')).toHaveLength(1);
    expect(api.listErrorPatterns).toHaveBeenCalledWith({
      integration: 'merge-test',
      environment: 'production',
      includeSnoozed: 'true',
      limit: 200,
    });
    await userEvent.click(
      within(candidates).getByText('Stripe says the key expired'),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Merge' }),
    );
    expect(api.mergeErrorPatterns).toHaveBeenCalledWith('p-stripe-auth', [
      'p-sibling',
    ]);
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Unmerge Old 401 group' }),
    );
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Unmerge',
      }),
    );
    expect(api.unmergeErrorPattern).toHaveBeenCalledWith(
      'p-stripe-auth',
      'p-old',
    );
  });
});
