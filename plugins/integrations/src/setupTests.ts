import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Material tables render slowly in jsdom on a busy two-core machine; wait
// longer than the default second for what a user would see.
configure({ asyncUtilTimeout: 5000 });
