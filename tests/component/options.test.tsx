import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ActionsContext } from '@/components/actions';
import { OptionsApp, type ThresholdSettings } from '@/components/options/options-app';
import { browserPageActions } from '@/lib/messaging/client';
import { setLocale } from '@/lib/i18n';
import { defaultThresholds } from '@/lib/latency/thresholds';
import type { RoleThresholds } from '@/lib/latency/types';
import { loadThresholds } from '@/lib/settings';
import { evidence, type Evidence } from '@/lib/vocabulary/evidence';

function memorySettings(initial: { thresholds?: RoleThresholds; notes?: Evidence[] } = {}) {
  let thresholds = initial.thresholds ?? defaultThresholds();
  const settings = {
    load: vi.fn(async () => ({ thresholds, notes: initial.notes ?? [] })),
    save: vi.fn(async (next: RoleThresholds) => {
      thresholds = next;
    }),
    reset: vi.fn(async () => {
      thresholds = defaultThresholds();
    }),
  } satisfies ThresholdSettings;
  return settings;
}

const field = (role: string, which: 'Traag na' | 'Reageert niet na') =>
  screen.getByRole('textbox', { name: `${role}: ${which} (werkdagen)` });

async function retype(input: HTMLElement, text: string) {
  await userEvent.clear(input);
  if (text) await userEvent.type(input, text);
}

beforeEach(() => setLocale('nl'));
afterEach(() => setLocale('nl'));

describe('options: when to warn', () => {
  it('shows every role with its thresholds and defaults, nothing to save yet', async () => {
    render(<OptionsApp settings={memorySettings()} />);
    expect(screen.getByRole('status')).toHaveTextContent('Laden…');
    expect(screen.getByRole('heading', { name: 'Wanneer waarschuwen' })).toBeVisible();
    // the form comes once the stored thresholds are read
    await screen.findByRole('table');
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Wethouderstandaard 10 en 20',
      'Gemeenteraadstandaard 5 en 10',
      'Welzijnsorganisatiestandaard 5 en 10',
      'Ambtenaarstandaard 5 en 10',
      'Bewonerstandaard 7 en 14',
      'Onbekendstandaard 7 en 14',
    ]);
    expect(field('Wethouder', 'Reageert niet na')).toHaveValue('20');
    expect(screen.getByRole('button', { name: 'Opslaan' })).toBeDisabled();
  });

  it('saves a change, complete and valid, and says warnings are recalculated', async () => {
    const settings = memorySettings();
    render(<OptionsApp settings={settings} />);
    await retype(await screen.findByRole('textbox', { name: 'Wethouder: Reageert niet na (werkdagen)' }), '30');
    await userEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(settings.save).toHaveBeenCalledWith({ ...defaultThresholds(), wethouder: { ideal: 10, max: 30 } });
    expect(await screen.findByText('Opgeslagen. De waarschuwingen worden opnieuw berekend.')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Opslaan' })).toBeDisabled();
  });

  it('marks a wrong field where it is, with the reason, and saves nothing', async () => {
    const settings = memorySettings();
    render(<OptionsApp settings={settings} />);
    const input = await screen.findByRole('textbox', { name: 'Bewoner: Traag na (werkdagen)' });
    await retype(input, '1,5');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Een heel getal van 1 tot en met 250.');
    await userEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(screen.getByRole('status')).toHaveTextContent('Nog niet opgeslagen: verbeter de gemarkeerde velden.');
    expect(settings.save).not.toHaveBeenCalled();

    await retype(input, '20'); // now after "reageert niet" (14)
    expect(input).toHaveAccessibleDescription('“Traag” moet eerder komen dan “reageert niet”.');
    expect(field('Bewoner', 'Reageert niet na')).toHaveAttribute('aria-invalid', 'true');
    await retype(field('Bewoner', 'Reageert niet na'), '25');
    expect(input).not.toHaveAttribute('aria-invalid');
    await userEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(settings.save).toHaveBeenCalledWith({ ...defaultThresholds(), bewoner: { ideal: 20, max: 25 } });
  });

  it('goes back to the defaults', async () => {
    const settings = memorySettings({ thresholds: { ...defaultThresholds(), ambtenaar: { ideal: 2, max: 3 } } });
    render(<OptionsApp settings={settings} />);
    expect(await screen.findByRole('textbox', { name: 'Ambtenaar: Traag na (werkdagen)' })).toHaveValue('2');
    await userEvent.click(screen.getByRole('button', { name: 'Standaardwaarden' }));
    expect(settings.reset).toHaveBeenCalledOnce();
    expect(await screen.findByText(/Standaardwaarden hersteld/)).toBeVisible();
    expect(field('Ambtenaar', 'Traag na')).toHaveValue('5');
  });

  it('says what it repaired in stored settings, and when reading or saving fails', async () => {
    const settings = memorySettings({ notes: [evidence('threshold-max-invalid', { role: 'wethouder' })] });
    settings.save.mockRejectedValueOnce(new Error('opslag vol'));
    render(<OptionsApp settings={settings} />);
    expect(await screen.findByRole('note')).toHaveTextContent('wethouder: maximum ongeldig, standaard gebruikt');
    await retype(field('Wethouder', 'Traag na'), '11');
    await userEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    expect(await screen.findByText('Opslaan mislukt: opslag vol')).toBeVisible();

    render(<OptionsApp settings={{ ...settings, load: async () => Promise.reject(new Error('geen toegang')) }} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('geen toegang');
  });

  it('speaks English when the browser does', async () => {
    setLocale('en');
    render(<OptionsApp settings={memorySettings()} />);
    expect(screen.getByRole('heading', { name: 'When to warn' })).toBeVisible();
    expect(await screen.findByRole('textbox', { name: 'Alderman: Unresponsive after (working days)' })).toHaveValue('20');
  });
});

describe('options: stored in extension storage', () => {
  it('repairs a hand-edited value on read, shows it, and stores what the user saves for the background to use', async () => {
    await fakeBrowser.storage.local.set({
      thresholds: { wethouder: { ideal: 12, max: 'veel' }, schrijver: { ideal: 1, max: 2 } },
    });
    render(<OptionsApp />);
    expect(await screen.findByRole('note')).toHaveTextContent('wethouder: maximum ongeldig, standaard gebruikt');
    expect(screen.getByRole('note')).toHaveTextContent('onbekende rol "schrijver" genegeerd');
    expect(field('Wethouder', 'Traag na')).toHaveValue('12');
    expect(field('Wethouder', 'Reageert niet na')).toHaveValue('20');

    await retype(field('Gemeenteraad', 'Reageert niet na'), '8');
    await userEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    await screen.findByText(/Opgeslagen/);
    expect(await loadThresholds()).toEqual({
      ...defaultThresholds(),
      wethouder: { ideal: 12, max: 20 },
      gemeenteraad: { ideal: 5, max: 8 },
    });

    await userEvent.click(screen.getByRole('button', { name: 'Standaardwaarden' }));
    await screen.findByText(/Standaardwaarden hersteld/);
    expect(await fakeBrowser.storage.local.get('thresholds')).toEqual({});
    expect(await loadThresholds()).toEqual(defaultThresholds());
  });
});

describe('options: mail history', () => {
  it.each([
    ['nl', 'Mailgeschiedenis', 'Mailgeschiedenis importeren'],
    ['en', 'Mail history', 'Import mail history'],
  ] as const)('opens the import page (%s)', async (locale, title, button) => {
    setLocale(locale);
    const openImport = vi.fn(async () => undefined);
    render(
      <ActionsContext.Provider value={{ ...browserPageActions, openImport }}>
        <OptionsApp settings={memorySettings()} />
      </ActionsContext.Provider>,
    );
    const section = screen.getByRole('region', { name: title });
    await userEvent.click(within(section).getByRole('button', { name: button }));
    expect(openImport).toHaveBeenCalledOnce();
  });
});
