import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ErrorPatternDetail } from '@internal/plugin-integrations-common';
import { screen } from '@testing-library/react';
import { IntegrationsApi, integrationsApiRef } from '../api';
import { ErrorsPage } from '../components/errors/ErrorsPage';
import { rootRouteRef } from '../routes';
import { allowEverything, fakeIntegrationsApi } from './fixtures';

/**
 * An error group's own page, with every permission allowed, once its name
 * shows. Permission answers are cached per resource across the tests of a
 * file, so each test should name its own integration.
 */
export async function renderErrorGroup(
  detail: ErrorPatternDetail,
  overrides: Partial<IntegrationsApi> = {},
) {
  const api = fakeIntegrationsApi({
    getErrorPattern: async () => detail,
    ...overrides,
  });
  await renderInTestApp(<ErrorsPage />, {
    apis: [[integrationsApiRef, api], allowEverything()],
    mountedRoutes: { '/integrations': rootRouteRef },
    initialRouteEntries: [`/integrations/errors/${detail.patternId}`],
  });
  await screen.findByRole('heading', { name: detail.name });
  return api;
}

/** A named part of the page, e.g. the "Status" section. */
export function section(name: string) {
  return screen.getByRole('region', { name });
}
