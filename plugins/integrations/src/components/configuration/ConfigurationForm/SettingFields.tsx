import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import { ReactNode, memo, useId, useState } from 'react';

/** One form field bound to a settings path: its value, its problems and how to change it. */
export interface BoundSetting<T> {
  value: T;
  onChange(value: T): void;
  /** The validation messages for this path, empty when it is valid. */
  errors: string[];
  disabled: boolean;
}

interface FieldText {
  label: string;
  helperText?: ReactNode;
}

/**
 * Fields re-render only when what they show changes: every keystroke
 * re-validates the whole form, and multiline fields measure themselves on
 * every render.
 */
function sameSetting<P extends { errors: string[] }>(previous: P, next: P) {
  const keys = new Set([...Object.keys(previous), ...Object.keys(next)]);
  return [...keys].every(key =>
    key === 'errors'
      ? previous.errors.join('\n') === next.errors.join('\n')
      : Object.is(previous[key as keyof P], next[key as keyof P]),
  );
}

function helperOf(errors: string[], helperText?: ReactNode): ReactNode {
  return errors.length > 0 ? errors.join(' · ') : helperText;
}

function TextSettingField(
  props: BoundSetting<string | undefined> &
    FieldText & { multiline?: boolean; required?: boolean },
) {
  const { value, onChange, errors, disabled, label, helperText } = props;
  const id = useId();
  return (
    <TextField
      id={id}
      label={label}
      value={value ?? ''}
      onChange={event => onChange(event.target.value)}
      error={errors.length > 0}
      helperText={helperOf(errors, helperText)}
      disabled={disabled}
      required={props.required}
      multiline={props.multiline}
      fullWidth
      margin="dense"
    />
  );
}

/** A number field; an emptied field holds NaN so validation names it rather than guessing 0. */
function NumberSettingField(props: BoundSetting<number> & FieldText) {
  const { value, onChange, errors, disabled, label, helperText } = props;
  const id = useId();
  return (
    <TextField
      id={id}
      label={label}
      type="number"
      value={Number.isNaN(value) ? '' : String(value)}
      onChange={event =>
        onChange(event.target.value === '' ? NaN : Number(event.target.value))
      }
      error={errors.length > 0}
      helperText={helperOf(errors, helperText)}
      disabled={disabled}
      fullWidth
      margin="dense"
    />
  );
}

function SwitchSettingField(props: BoundSetting<boolean> & FieldText) {
  const { value, onChange, errors, disabled, label, helperText } = props;
  return (
    <FormControl error={errors.length > 0} margin="dense" fullWidth>
      <FormControlLabel
        control={
          <Switch
            checked={value}
            onChange={event => onChange(event.target.checked)}
            disabled={disabled}
            color="primary"
          />
        }
        label={label}
      />
      {helperOf(errors, helperText) && (
        <FormHelperText>{helperOf(errors, helperText)}</FormHelperText>
      )}
    </FormControl>
  );
}

/** A list edited as comma-separated text; the text is kept as typed while the list follows it. */
function ListSettingField(props: BoundSetting<string[]> & FieldText) {
  const { value, onChange, errors, disabled, label, helperText } = props;
  const [text, setText] = useState(value.join(', '));
  const id = useId();
  return (
    <TextField
      id={id}
      label={label}
      value={text}
      onChange={event => {
        setText(event.target.value);
        onChange(
          event.target.value
            .split(',')
            .map(item => item.trim())
            .filter(Boolean),
        );
      }}
      error={errors.length > 0}
      helperText={helperOf(errors, helperText ?? 'Separate items with commas')}
      disabled={disabled}
      fullWidth
      margin="dense"
    />
  );
}

function SelectSettingField<T extends string>(
  props: BoundSetting<T> &
    FieldText & { options: ReadonlyArray<{ value: T; label: string }> },
) {
  const { value, onChange, errors, disabled, label, helperText, options } =
    props;
  const labelId = useId();
  return (
    <FormControl
      error={errors.length > 0}
      disabled={disabled}
      margin="dense"
      fullWidth
    >
      <InputLabel id={labelId}>{label}</InputLabel>
      <Select
        labelId={labelId}
        value={value}
        onChange={event => onChange(event.target.value as T)}
      >
        {options.map(option => (
          <MenuItem key={option.value} value={option.value}>
            {option.label}
          </MenuItem>
        ))}
      </Select>
      {helperOf(errors, helperText) && (
        <FormHelperText>{helperOf(errors, helperText)}</FormHelperText>
      )}
    </FormControl>
  );
}

function MultiSelectSettingField(
  props: BoundSetting<string[]> & FieldText & { options: string[] },
) {
  const { value, onChange, errors, disabled, label, helperText, options } =
    props;
  const labelId = useId();
  const choices = [...new Set([...options, ...value])].sort();
  return (
    <FormControl
      error={errors.length > 0}
      disabled={disabled}
      margin="dense"
      fullWidth
    >
      <InputLabel id={labelId}>{label}</InputLabel>
      <Select
        labelId={labelId}
        multiple
        value={value}
        renderValue={selected => (selected as string[]).join(', ')}
        onChange={event => onChange(event.target.value as string[])}
      >
        {choices.map(choice => (
          <MenuItem key={choice} value={choice}>
            <Checkbox checked={value.includes(choice)} size="small" />
            {choice}
          </MenuItem>
        ))}
      </Select>
      {helperOf(errors, helperText) && (
        <FormHelperText>{helperOf(errors, helperText)}</FormHelperText>
      )}
    </FormControl>
  );
}

function CheckboxGroupSettingField(
  props: BoundSetting<string[]> &
    FieldText & {
      options: ReadonlyArray<{
        value: string;
        label: string;
        description?: string;
      }>;
    },
) {
  const { value, onChange, errors, disabled, label, helperText, options } =
    props;
  const toggle = (option: string, checked: boolean) =>
    onChange(
      checked ? [...value, option] : value.filter(item => item !== option),
    );
  return (
    <FormControl
      component="fieldset"
      error={errors.length > 0}
      disabled={disabled}
      margin="dense"
      fullWidth
    >
      <FormLabel component="legend">{label}</FormLabel>
      <FormGroup row>
        {options.map(option => (
          <FormControlLabel
            key={option.value}
            title={option.description}
            control={
              <Checkbox
                checked={value.includes(option.value)}
                onChange={event => toggle(option.value, event.target.checked)}
              />
            }
            label={option.label}
          />
        ))}
      </FormGroup>
      {helperOf(errors, helperText) && (
        <FormHelperText>{helperOf(errors, helperText)}</FormHelperText>
      )}
    </FormControl>
  );
}

/** Free-form settings edited as a JSON object; text that is not one is reported, not saved. */
function JsonObjectSettingField(
  props: BoundSetting<Record<string, unknown>> &
    FieldText & { onParseError(message: string | undefined): void },
) {
  const { value, onChange, errors, disabled, label, helperText } = props;
  const [text, setText] = useState(JSON.stringify(value, null, 2));
  const [parseError, setParseError] = useState<string>();
  const shown = parseError ? [parseError, ...errors] : errors;
  const id = useId();
  return (
    <TextField
      id={id}
      label={label}
      value={text}
      onChange={event => {
        setText(event.target.value);
        let message: string | undefined;
        try {
          const parsed = JSON.parse(event.target.value || '{}');
          if (
            typeof parsed !== 'object' ||
            parsed === null ||
            Array.isArray(parsed)
          ) {
            message = 'Must be a JSON object, e.g. {"region": "eu"}';
          } else {
            onChange(parsed);
          }
        } catch {
          message = 'Not valid JSON';
        }
        setParseError(message);
        props.onParseError(message);
      }}
      error={shown.length > 0}
      helperText={helperOf(shown, helperText)}
      disabled={disabled}
      multiline
      minRows={2}
      fullWidth
      margin="dense"
      InputProps={{ style: { fontFamily: 'monospace' } }}
    />
  );
}

export const TextSetting = memo(
  TextSettingField,
  sameSetting,
) as typeof TextSettingField;
export const NumberSetting = memo(
  NumberSettingField,
  sameSetting,
) as typeof NumberSettingField;
export const SwitchSetting = memo(
  SwitchSettingField,
  sameSetting,
) as typeof SwitchSettingField;
export const ListSetting = memo(
  ListSettingField,
  sameSetting,
) as typeof ListSettingField;
export const SelectSetting = memo(
  SelectSettingField,
  sameSetting,
) as typeof SelectSettingField;
export const MultiSelectSetting = memo(
  MultiSelectSettingField,
  sameSetting,
) as typeof MultiSelectSettingField;
export const CheckboxGroupSetting = memo(
  CheckboxGroupSettingField,
  sameSetting,
) as typeof CheckboxGroupSettingField;
export const JsonObjectSetting = memo(
  JsonObjectSettingField,
  sameSetting,
) as typeof JsonObjectSettingField;
