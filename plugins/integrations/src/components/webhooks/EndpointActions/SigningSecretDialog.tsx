import { WebhookEndpointWithSecret } from '@internal/plugin-integrations-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { useId, useState } from 'react';
import { absoluteTime } from '../../../labels';
import { InlineAlert } from '../../shared/InlineAlert';
import { LabelledTextField } from '../../shared/LabelledTextField';

/**
 * The signing secret of a new or rotated endpoint. The backend never serves
 * it again, so this is the one chance to copy it into the receiver.
 */
export function SigningSecretDialog(props: {
  result: WebhookEndpointWithSecret;
  onClose(): void;
}) {
  const { endpoint, signingSecret } = props.result;
  const titleId = useId();
  const [copied, setCopied] = useState(false);
  const graceUntil = endpoint.security.previousSecretExpiresAt;

  const copy = async () => {
    await window.navigator.clipboard.writeText(signingSecret);
    setCopied(true);
  };

  return (
    <Dialog open onClose={props.onClose} aria-labelledby={titleId} fullWidth>
      <DialogTitle id={titleId}>Signing secret of {endpoint.name}</DialogTitle>
      <DialogContent>
        <InlineAlert
          severity="warning"
          title="You will not see this secret again"
        >
          Copy it into the receiver at {endpoint.url} now. It verifies the
          webhook-signature header of every delivery; if it is lost, rotate the
          secret to get a new one.
        </InlineAlert>
        <LabelledTextField
          label="Signing secret"
          value={signingSecret}
          fullWidth
          InputProps={{ readOnly: true, style: { fontFamily: 'monospace' } }}
        />
        {graceUntil && (
          <Typography variant="body2" color="textSecondary">
            Until {absoluteTime(graceUntil)} deliveries are signed with both
            this and the previous secret.
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={copy} color="primary">
          {copied ? 'Copied' : 'Copy secret'}
        </Button>
        <Button onClick={props.onClose} variant="contained" color="primary">
          I have stored it
        </Button>
      </DialogActions>
    </Dialog>
  );
}
