import {
  IntegrationHealthStatus,
  RateLimitReading,
} from '@internal/plugin-integrations-common';
import Tooltip from '@material-ui/core/Tooltip';
import { formatDuration, formatUptimeWindows } from '../../../healthLabels';
import { IntegrationStatusFigures } from '../../../hooks/useIntegrationStatus';
import { absoluteTime, relativeTime, shortRef } from '../../../labels';
import { Fact, FactList } from '../../shared/FactList';

/** "84 % left (4,200 of 5,000 requests)", or why there is no figure. */
function headroom(reading?: RateLimitReading): string {
  const { limit, remaining } = reading ?? {};
  if (limit === undefined || remaining === undefined || limit <= 0) {
    return 'not reported by the provider';
  }
  const share = Math.max(0, Math.min(100, (remaining / limit) * 100));
  return `${Math.floor(
    share,
  )}\u00a0% left (${remaining.toLocaleString()} of ${limit.toLocaleString()} requests)`;
}

function When(props: { at: string }) {
  return (
    <Tooltip title={absoluteTime(props.at)}>
      <span>{relativeTime(props.at)}</span>
    </Tooltip>
  );
}

/** The figures of an integration's catalog card. */
export function StatusFacts(props: {
  figures: IntegrationStatusFigures;
  status: IntegrationHealthStatus;
}) {
  const { figures, status } = props;
  const { uptimeWindows, configuration } = status;
  const facts: Fact[] = [
    ['Uptime 24 h · 7 d · 30 d', formatUptimeWindows(uptimeWindows)],
    ['Response time', formatDuration(status.responseTimeMs)],
    ['Rate-limit headroom', headroom(status.rateLimit)],
    ['Open errors (24 h)', figures.openErrorGroups.toLocaleString()],
    ['Active alerts', figures.activeAlerts.toLocaleString()],
    [
      'Last configuration change',
      <>
        version {configuration.version} by {shortRef(configuration.updatedBy)},{' '}
        <When at={configuration.lastUpdated} />
      </>,
    ],
    [
      'Last checked',
      status.lastCheckedAt ? <When at={status.lastCheckedAt} /> : 'never',
    ],
  ];
  return <FactList facts={facts} aria-label="Figures" />;
}
