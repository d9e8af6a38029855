import Button, { ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';

export interface ActionButtonProps extends ButtonProps {
  /** Why the action is not available; the button is disabled and says why on hover. */
  disabledReason?: string;
}

/** A button that, when the user may not use it, stays visible, disabled, with the reason. */
export function ActionButton(props: ActionButtonProps) {
  const { disabledReason, disabled, ...buttonProps } = props;
  const button = (
    <Button {...buttonProps} disabled={disabled || Boolean(disabledReason)} />
  );
  if (!disabledReason) {
    return button;
  }
  return (
    <Tooltip title={disabledReason}>
      <span>{button}</span>
    </Tooltip>
  );
}
