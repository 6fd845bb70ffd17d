import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import '@testing-library/jest-dom/vitest';

// waitFor and findBy* give up after 1 s by default: too short when the machine is busy (two cores
// shared by builds and browsers), where a live query can take longer to settle. Raised here,
// once, instead of per call; vitest.config.ts gives component tests the time for it.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
});
