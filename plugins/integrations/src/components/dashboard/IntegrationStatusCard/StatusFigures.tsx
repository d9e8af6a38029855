import { IntegrationHealthStatus } from '@internal/plugin-integrations-common';
import Tooltip from '@material-ui/core/Tooltip';
import {
  formatDuration,
  formatPercent,
  formatUptimeWindows,
} from '../../../healthLabels';
import { absoluteTime, relativeTime } from '../../../labels';
import { Fact, FactList } from '../../shared/FactList';

function LastChecked(props: { at?: string; intervalSeconds: number }) {
  if (!props.at) {
    return <>never</>;
  }
  return (
    <Tooltip title={absoluteTime(props.at)}>
      <span>
        {relativeTime(props.at)} (every {props.intervalSeconds} s)
      </span>
    </Tooltip>
  );
}

/** The numbers of one status card: uptime, speed, errors, checks, and the configuration version. */
export function StatusFigures(props: { status: IntegrationHealthStatus }) {
  const { status } = props;
  const { uptimeWindows, checks } = status;
  const facts: Fact[] = [
    ['Uptime 24 h · 7 d · 30 d', formatUptimeWindows(uptimeWindows)],
    ['Response time', formatDuration(status.responseTimeMs)],
    ['Error rate (24 h)', formatPercent(status.errorRate)],
    ['Checks (24 h)', `${checks.passed} passed · ${checks.failed} failed`],
    [
      'Last checked',
      <LastChecked
        at={status.lastCheckedAt}
        intervalSeconds={status.healthCheckIntervalSeconds}
      />,
    ],
    ['Configuration', `version ${status.configVersion}`],
  ];
  return <FactList facts={facts} aria-label="Figures" />;
}
