import TextField, { TextFieldProps } from '@material-ui/core/TextField';
import { useId } from 'react';

/**
 * A TextField whose label names its input for assistive technology: MUI ties
 * the two together only through an id, which forms often leave out.
 */
export function LabelledTextField(props: TextFieldProps) {
  const id = useId();
  return <TextField id={id} {...props} />;
}
