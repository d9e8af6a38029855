import { EmptyState } from '@backstage/core-components';
import { errorReadPermission } from '@internal/plugin-integrations-common';
import Typography from '@material-ui/core/Typography';

/** Said when there is no error to show at all: what would appear, and whose. */
export function ErrorsEmptyState(props: { environmentLabel: string }) {
  return (
    <EmptyState
      missing="data"
      title="No errors in this period"
      description={`Every failed check, test and reported call in ${props.environmentLabel} would appear here, grouped by cause.`}
      action={
        <Typography variant="body2">
          The page shows the errors of the integrations you may read (the{' '}
          {errorReadPermission.name} permission). Try a longer period to see
          older errors.
        </Typography>
      }
    />
  );
}
