import { useAppLocation } from '@backstage/frontend-plugin-api';
import { useIntegrationsPageLink } from '../../../hooks/useIntegrationsPageLink';
import { ErrorPatternView } from '../ErrorPatternView';
import { IncidentView } from '../IncidentView';
import { ErrorsOverview } from './ErrorsOverview';

/**
 * What a path below the Errors page names: a group
 * (`/integrations/errors/<patternId>`) or an incident
 * (`/integrations/errors/incidents/<incidentId>`). Read from the location
 * because the page is a sub-page in one frontend system and a route of the
 * legacy page in the other, with different parent routes.
 */
function useViewInPath(): { patternId?: string; incidentId?: string } {
  const { pathname } = useAppLocation();
  const errorsPath = useIntegrationsPageLink()('errors');
  const segments = pathname.split('/');
  const errorsSegments = errorsPath.split('/');
  const rootSegment = errorsSegments[errorsSegments.length - 2];
  const at = segments.findIndex(
    (segment, index) =>
      segment === rootSegment && segments[index + 1] === 'errors',
  );
  const [first, second] = at >= 0 ? segments.slice(at + 2) : [];
  if (first === 'incidents') {
    return second ? { incidentId: decodeURIComponent(second) } : {};
  }
  return first ? { patternId: decodeURIComponent(first) } : {};
}

/**
 * Error logging and troubleshooting: every failed check, test and reported
 * call of the integrations the user may read, grouped by cause, with the
 * triage of each group at its own linkable path,
 * `/integrations/errors/<patternId>`, and each incident's timeline at
 * `/integrations/errors/incidents/<incidentId>`. The host page renders the
 * header.
 */
export function ErrorsPage() {
  const { patternId, incidentId } = useViewInPath();
  if (incidentId) {
    return <IncidentView key={incidentId} incidentId={incidentId} />;
  }
  return patternId ? (
    <ErrorPatternView key={patternId} patternId={patternId} />
  ) : (
    <ErrorsOverview />
  );
}
