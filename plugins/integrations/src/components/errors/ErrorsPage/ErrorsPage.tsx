import { useAppLocation } from '@backstage/frontend-plugin-api';
import { useIntegrationsPageLink } from '../../../hooks/useIntegrationsPageLink';
import { ErrorPatternView } from '../ErrorPatternView';
import { ErrorsOverview } from './ErrorsOverview';

/**
 * The group a path such as `/integrations/errors/<patternId>` names. Read
 * from the location because the page is a sub-page in one frontend system
 * and a route of the legacy page in the other, with different parent routes.
 */
function usePatternIdInPath(): string | undefined {
  const { pathname } = useAppLocation();
  const errorsPath = useIntegrationsPageLink()('errors');
  const segments = pathname.split('/');
  const errorsSegments = errorsPath.split('/');
  const rootSegment = errorsSegments[errorsSegments.length - 2];
  const at = segments.findIndex(
    (segment, index) =>
      segment === rootSegment && segments[index + 1] === 'errors',
  );
  const patternId = at >= 0 ? segments[at + 2] : undefined;
  return patternId ? decodeURIComponent(patternId) : undefined;
}

/**
 * Error logging and troubleshooting: every failed check, test and reported
 * call of the integrations the user may read, grouped by cause, with the
 * triage of each group at its own linkable path,
 * `/integrations/errors/<patternId>`. The host page renders the header.
 */
export function ErrorsPage() {
  const patternId = usePatternIdInPath();
  return patternId ? (
    <ErrorPatternView key={patternId} patternId={patternId} />
  ) : (
    <ErrorsOverview />
  );
}
