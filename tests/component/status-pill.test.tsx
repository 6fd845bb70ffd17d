import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { StatusPill, usualResponse } from '@/components/status-pill';
import { setLocale } from '@/lib/i18n';
import { latencyRecord } from '../fixtures/records';

beforeEach(() => setLocale('nl'));

describe('status pill', () => {
  it.each([
    [latencyRecord({ contactId: 'c:a', status: 'ok', lastResponseAt: 5 }), 'Reageert'],
    [latencyRecord({ contactId: 'c:a', status: 'ok' }), 'Niets openstaand'],
    [
      latencyRecord({ contactId: 'c:a', status: 'waiting', attemptsSinceLastResponse: 1, workingDaysWaiting: 1 }),
      'Wacht op antwoord: 1 poging zonder antwoord, 1 werkdag wachten',
    ],
    [
      latencyRecord({ contactId: 'c:a', status: 'slow', attemptsSinceLastResponse: 2, workingDaysWaiting: 7 }),
      'Traag: 2 pogingen zonder antwoord, 7 werkdagen wachten',
    ],
    [null, 'Nog niet berekend'],
  ])('shows %#: %s', (latency, text) => {
    render(<StatusPill latency={latency} />);
    expect(screen.getByText((_, element) => element?.classList.contains('status-pill') === true)).toHaveTextContent(text);
  });

  it.each([
    [null, null],
    [0.2, 'Reageert meestal dezelfde dag'],
    [1, 'Reageert meestal binnen 1 werkdag'],
    [2.6, 'Reageert meestal binnen 3 werkdagen'],
  ])('usual response for a median of %s working days', (median, text) => {
    expect(usualResponse(latencyRecord({ contactId: 'c:a', status: 'ok', medianResponseWorkingDays: median }))).toBe(text);
  });
});
