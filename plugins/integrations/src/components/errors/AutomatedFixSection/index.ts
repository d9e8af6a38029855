export {
  AutomatedFixSection,
  AUTOMATED_FIX_LABELS,
} from './AutomatedFixSection';
