import { EmptyState } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/**
 * Said when no integration was called in the period or the one before: how
 * usage reaches the page, for the admin who has to set it up.
 */
export function UsageEmptyState(props: { environmentLabel: string }) {
  return (
    <EmptyState
      missing="data"
      title={`No usage recorded in ${props.environmentLabel} for this period`}
      description="Usage appears here once services report the calls they make to integrations."
      action={
        <>
          <Typography variant="body2" paragraph>
            Services send their calls as usage events to{' '}
            <code>POST /api/integrations/usage/events</code>, in batches of up
            to 1,000, with Backstage service-to-service auth or a static token
            from <code>backend.auth.externalAccess</code>. Events are added up
            every minute, so new calls show here about a minute later.
          </Typography>
          <Typography variant="body2">
            The <strong>Usage</strong> section of the Integration Manager README
            describes the event fields and has a curl example. Try a longer
            period if calls were made before this one.
          </Typography>
        </>
      }
    />
  );
}
