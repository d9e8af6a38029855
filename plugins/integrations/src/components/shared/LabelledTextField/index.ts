export { LabelledTextField } from './LabelledTextField';
