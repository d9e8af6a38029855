import { InfoCard, Progress } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Environment } from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import { HEALTH_STATUS_LABELS } from '../../../healthLabels';
import { useIntegrationStatus } from '../../../hooks/useIntegrationStatus';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { InlineAlert } from '../../shared/InlineAlert';
import { HealthStatusLabel } from '../../shared/StatusLabel';
import { integrationNameOf } from '../integrationEntity';
import { EnvironmentSwitch } from './EnvironmentSwitch';
import { IntegrationPageLinks } from './IntegrationPageLinks';
import { StatusFacts } from './StatusFacts';

export interface EntityIntegrationStatusCardProps {
  /** The environment shown; when left out the card keeps its own, production first. */
  environment?: Environment;
  onEnvironmentChange?(environment: Environment): void;
}

/** Why there is nothing to show, in the words of the person reading the card. */
function LookupFailure(props: { integration: string; error: Error }) {
  const { integration, error } = props;
  if (ResponseError.is(error) && [403, 404].includes(error.statusCode)) {
    return (
      <InlineAlert severity="info" title={`No status for ${integration}`}>
        Integration Manager has no integration named {integration} that you may
        read. {errorMessage(error)}.
      </InlineAlert>
    );
  }
  return (
    <InlineAlert
      severity="error"
      title="Integration Manager could not be reached"
    >
      {errorMessage(error)}. The status shows once it answers again.
    </InlineAlert>
  );
}

/**
 * On an integration's catalog page: its live status in one environment
 * (production unless another is picked), uptime, response time, rate-limit
 * headroom, open errors, active alerts and the last configuration change,
 * with links to the integration on the plugin's pages.
 */
export function EntityIntegrationStatusCard(
  props: EntityIntegrationStatusCardProps,
) {
  const { entity } = useEntity();
  const integration = integrationNameOf(entity);
  const [picked, setPicked] = useState<Environment>();
  const requested = props.environment ?? picked;
  const { environments, environment, figures, loading, configError, error } =
    useIntegrationStatus(integration, requested);
  const { onEnvironmentChange } = props;
  const pick = (next: Environment) => {
    setPicked(next);
    onEnvironmentChange?.(next);
  };
  // An integration not configured in the environment asked for shows another;
  // whoever asked follows, e.g. the history beside the card.
  useEffect(() => {
    if (environment && requested && environment !== requested) {
      onEnvironmentChange?.(environment);
    }
  }, [environment, requested, onEnvironmentChange]);
  const status = figures?.status;

  let body;
  if (configError) {
    body = <LookupFailure integration={integration} error={configError} />;
  } else if (!figures) {
    body = error ? (
      <LookupFailure integration={integration} error={error} />
    ) : (
      loading && <Progress />
    );
  } else {
    body = (
      <>
        {error && (
          <InlineAlert
            severity="warning"
            title="The status could not be refreshed"
          >
            {errorMessage(error)}. Showing the last status loaded.
          </InlineAlert>
        )}
        {status ? (
          <>
            <Typography variant="h6" component="p">
              <HealthStatusLabel status={status.status} />
            </Typography>
            {status.reasons.map(reason => (
              <Typography key={reason} variant="body2" color="textSecondary">
                {reason}
              </Typography>
            ))}
            <StatusFacts figures={figures} status={status} />
          </>
        ) : (
          <Typography variant="body2" color="textSecondary">
            No status in {ENVIRONMENT_LABELS[figures.environment].toLowerCase()}{' '}
            yet.
          </Typography>
        )}
        <Box mt={2}>
          <IntegrationPageLinks
            integration={integration}
            environment={figures.environment}
          />
        </Box>
      </>
    );
  }

  const statusLabel = status
    ? HEALTH_STATUS_LABELS[status.status] ?? status.status
    : undefined;
  return (
    <section
      aria-label={
        statusLabel
          ? `Integration status: ${statusLabel}`
          : 'Integration status'
      }
      data-testid="entity-integration-status"
    >
      <InfoCard
        title="Integration status"
        subheader={
          status
            ? `${status.displayName} in ${ENVIRONMENT_LABELS[
                status.environment
              ].toLowerCase()}`
            : integration
        }
      >
        <EnvironmentSwitch
          environments={environments}
          value={environment}
          onChange={pick}
        />
        {body}
      </InfoCard>
    </section>
  );
}
