import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** An error of a whole form, on a line of its own below the inputs. */
export function FormError(props: { message?: string }) {
  if (!props.message) {
    return null;
  }
  return (
    <Box width="100%">
      <Typography color="error" role="alert" variant="body2">
        {props.message}
      </Typography>
    </Box>
  );
}
