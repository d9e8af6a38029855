import { renderInTestApp } from '@backstage/frontend-test-utils';
import { FAILURE_CLASS_INFO } from '@internal/plugin-integrations-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
  templateOf,
} from '../../../__testUtils__/fixtures';
import { TroubleshootingGuides } from './TroubleshootingGuides';

jest.setTimeout(30_000);

const github = templateOf('github');
const stripe = templateOf('stripe');

describe('TroubleshootingGuides', () => {
  it('lists every provider’s known errors and the generic classes, filtered by the search', async () => {
    await renderInTestApp(<TroubleshootingGuides />, {
      apis: [
        [
          integrationsApiRef,
          fakeIntegrationsApi({ listTemplates: async () => [github, stripe] }),
        ],
        allowEverything(),
      ],
    });

    const total =
      github.probes.knownErrors.length +
      stripe.probes.knownErrors.length +
      Object.keys(FAILURE_CLASS_INFO).length;
    expect(
      await screen.findByText(`${total} of ${total} guides`),
    ).toBeInTheDocument();

    const search = screen.getByLabelText('Search the guides');
    await userEvent.type(search, 'stripe');
    const stripeGuides = screen.getAllByTestId(/^guide-/);
    expect(stripeGuides.length).toBeGreaterThanOrEqual(
      stripe.probes.knownErrors.length,
    );
    for (const guide of stripeGuides) {
      expect(guide.textContent?.toLowerCase()).toContain('stripe');
    }
    expect(screen.queryByTestId('guide-github-0')).not.toBeInTheDocument();

    await userEvent.clear(search);
    await userEvent.type(search, 'dns_failure');
    const generic = screen.getByTestId('guide-generic-dns_failure');
    expect(
      within(generic).getByText(FAILURE_CLASS_INFO.dns_failure.explanation),
    ).toBeInTheDocument();
    for (const step of FAILURE_CLASS_INFO.dns_failure.repairSteps) {
      expect(within(generic).getByText(step)).toBeInTheDocument();
    }

    await userEvent.clear(search);
    await userEvent.type(search, 'no such problem anywhere');
    expect(screen.getByText(`0 of ${total} guides`)).toBeInTheDocument();
  });
});
