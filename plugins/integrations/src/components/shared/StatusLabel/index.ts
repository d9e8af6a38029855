export {
  HealthStatusLabel,
  TestRunStatusLabel,
  TestStepStatusLabel,
} from './StatusLabel';
