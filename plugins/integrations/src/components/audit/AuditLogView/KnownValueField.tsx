import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';

/**
 * A filter field that offers the values known to exist and still takes any
 * typed one: the backend's filters match whole values only, so picking one
 * is how to find what is there.
 */
export function KnownValueField(props: {
  id: string;
  label: string;
  value: string;
  options: string[];
  placeholder?: string;
  error?: boolean;
  helperText?: string;
  onChange(value: string): void;
}) {
  const { id, label, value, options, placeholder, error, helperText } = props;
  return (
    <Autocomplete
      id={id}
      freeSolo
      options={options}
      inputValue={value}
      onInputChange={(_event, next) => props.onChange(next)}
      style={{ minWidth: 220 }}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          placeholder={placeholder}
          error={error}
          helperText={helperText}
          size="small"
        />
      )}
    />
  );
}
