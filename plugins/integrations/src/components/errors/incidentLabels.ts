import {
  IncidentCauseKind,
  IncidentStatus,
  IncidentTimelineKind,
} from '@internal/plugin-integrations-common';

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  open: 'Open',
  resolved: 'Resolved',
};

export const INCIDENT_CAUSE_LABELS: Record<IncidentCauseKind, string> = {
  provider: 'Provider',
  dependency: 'Shared dependency',
  configuration_change: 'Configuration change',
  credential_change: 'Credential change',
};

export const INCIDENT_TIMELINE_LABELS: Record<IncidentTimelineKind, string> = {
  configuration_change: 'Configuration changed',
  credential_change: 'Credentials changed',
  group_first_seen: 'Error group started',
  group_regressed: 'Error group regressed',
  alert_raised: 'Alert raised',
  opened: 'Incident opened',
  resolved: 'Incident resolved',
};
