import {
  useAppNavigate,
  useAppSearchParams,
} from '@backstage/frontend-plugin-api';
import { ReactNode, useEffect } from 'react';
import { useIntegrationsPageLink } from '../../hooks/useIntegrationsPageLink';
import { IntegrationsPagePath } from '../../routes';

/** The `?tab=` values of links from before the sub-pages had their own routes. */
const FORMER_TABS: Record<string, IntegrationsPagePath> = {
  overview: 'dashboard',
  dashboard: 'dashboard',
  configuration: 'config',
  audit: 'audit',
};

/**
 * Sends a link from before the sub-pages had routes
 * (`?tab=configuration&integration=stripe`) to the sub-page it meant
 * (`config?integration=stripe`), keeping the other parameters; without a
 * `?tab=` it shows its children, or the dashboard when it has none.
 */
export function FormerTabRedirect(props: { children?: ReactNode }) {
  const [params] = useAppSearchParams();
  const navigate = useAppNavigate();
  const link = useIntegrationsPageLink();
  const tab = params.get('tab');
  const redirecting = tab !== null || !props.children;

  useEffect(() => {
    if (!redirecting) {
      return;
    }
    const rest = new URLSearchParams(params);
    rest.delete('tab');
    navigate(
      link((tab && FORMER_TABS[tab]) || 'dashboard', Object.fromEntries(rest)),
      { replace: true },
    );
  }, [redirecting, tab, params, navigate, link]);

  return redirecting ? null : <>{props.children}</>;
}
