import { makeStyles } from '@material-ui/core';
import { LogoMark } from './LogoMark';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 40,
  },
});

/** The mark and the product's name, for the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 168 40"
      role="img"
      aria-label="Integration Manager"
    >
      <LogoMark />
      <g
        fill="#ffffff"
        fontFamily="Helvetica Neue, Helvetica, Arial, sans-serif"
        fontSize={16}
      >
        <text x={48} y={17} fontWeight={700} letterSpacing={0.2}>
          Integration
        </text>
        <text x={48} y={35} fontWeight={400} letterSpacing={2.4}>
          MANAGER
        </text>
      </g>
    </svg>
  );
};
