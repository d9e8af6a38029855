import {
  InboundDelivery,
  InboundVerification,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookEndpointStatus,
} from '@internal/plugin-integrations-common';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

type Tone = 'ok' | 'warning' | 'error' | 'off';

const useStyles = makeStyles(theme => ({
  ok: { backgroundColor: theme.palette.success.main, color: '#fff' },
  warning: { backgroundColor: theme.palette.warning.main, color: '#000' },
  error: { backgroundColor: theme.palette.error.main, color: '#fff' },
  off: {},
}));

function ToneChip(props: { tone: Tone; label: string; title?: string }) {
  const classes = useStyles();
  const chip = (
    <Chip size="small" label={props.label} className={classes[props.tone]} />
  );
  return props.title ? (
    <Tooltip title={props.title}>
      <span>{chip}</span>
    </Tooltip>
  ) : (
    chip
  );
}

export const ENDPOINT_STATUS_LABELS: Record<WebhookEndpointStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  disabled: 'Disabled',
};

const ENDPOINT_TONES: Record<WebhookEndpointStatus, Tone> = {
  active: 'ok',
  paused: 'off',
  disabled: 'error',
};

/** Active, paused by a person, or disabled by the dispatcher with its reason beside it. */
export function EndpointStatusChip(props: { endpoint: WebhookEndpoint }) {
  const { status, disabledReason } = props.endpoint;
  const label =
    status === 'disabled' && disabledReason
      ? `Disabled: ${disabledReason}`
      : ENDPOINT_STATUS_LABELS[status] ?? status;
  return <ToneChip tone={ENDPOINT_TONES[status] ?? 'off'} label={label} />;
}

export const DELIVERY_STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const DELIVERY_TONES: Record<WebhookDeliveryStatus, Tone> = {
  pending: 'warning',
  delivered: 'ok',
  failed: 'error',
  cancelled: 'off',
};

export function DeliveryStatusChip(props: { status: WebhookDeliveryStatus }) {
  return (
    <ToneChip
      tone={DELIVERY_TONES[props.status] ?? 'off'}
      label={DELIVERY_STATUS_LABELS[props.status] ?? props.status}
    />
  );
}

export const VERIFICATION_LABELS: Record<InboundVerification, string> = {
  verified: 'Verified',
  duplicate: 'Duplicate',
  rejected: 'Rejected',
};

const VERIFICATION_TONES: Record<InboundVerification, Tone> = {
  verified: 'ok',
  duplicate: 'off',
  rejected: 'error',
};

/** Verified, duplicate, or rejected with the reason under it. */
export function VerificationChip(props: { delivery: InboundDelivery }) {
  const { verification, reason } = props.delivery;
  return (
    <>
      <ToneChip
        tone={VERIFICATION_TONES[verification] ?? 'off'}
        label={VERIFICATION_LABELS[verification] ?? verification}
      />
      {verification === 'rejected' && reason && (
        <Typography variant="caption" component="div" color="textSecondary">
          {reason}
        </Typography>
      )}
    </>
  );
}

/** "120 ms", or a dash before anything was measured. */
export function millisText(ms: number | undefined): string {
  return ms === undefined || ms === null ? '—' : `${Math.round(ms)} ms`;
}

/** A `datetime-local` value as the ISO time with offset the API expects. */
export function isoFromLocal(local: string): string | undefined {
  if (!local) {
    return undefined;
  }
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}
