/**
 * The toolbar icon: every drawing exists at every size the manifest names (read from the PNG
 * header, so a wrong render or a missing file fails here, not in a user's toolbar), and the
 * badge switches to the quiet drawing exactly when nothing needs attention.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBadge, type BadgeAction } from '@/lib/latency/badge';
import type { Attention } from '@/lib/store/attention';
import { ICON_SIZES, iconPaths } from '@/lib/vocabulary/icons';

const PUBLIC = path.resolve(import.meta.dirname, '../../public');

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1'), `${file} is a PNG`).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function recordingAction() {
  const icons: Record<string, string>[] = [];
  const action: BadgeAction = {
    setBadgeText: () => undefined,
    setBadgeBackgroundColor: () => undefined,
    setTitle: () => undefined,
    setIcon: ({ path: paths }) => void icons.push(paths),
  };
  return { action, icons };
}

const quiet: Attention = { count: 0, worst: null, entries: [], overdueSteps: [] };
const busy: Attention = {
  count: 1,
  worst: 'unresponsive',
  entries: [{ contactId: 'c:a@zwolle.nl', name: 'A', status: 'unresponsive', attempts: 3, workingDaysWaiting: 12 }],
  overdueSteps: [],
};

describe('the toolbar icon', () => {
  it.each(['icon', 'icon-quiet'] as const)('%s exists at every size, square and of that size', (drawing) => {
    for (const [size, file] of Object.entries(iconPaths(drawing))) {
      expect(pngSize(path.join(PUBLIC, file))).toEqual({ width: Number(size), height: Number(size) });
    }
    expect(Object.keys(iconPaths(drawing)).map(Number)).toEqual([...ICON_SIZES]);
  });

  it('is quiet when nothing needs attention, and the full drawing when someone does', async () => {
    const { action, icons } = recordingAction();
    await applyBadge(action, quiet);
    await applyBadge(action, busy);
    await applyBadge(action, quiet);
    expect(icons.map((paths) => paths['16'])).toEqual(['icon/icon-quiet-16.png', 'icon/icon-16.png', 'icon/icon-quiet-16.png']);
  });

  it('counts an overdue next step as something to do', async () => {
    const { action, icons } = recordingAction();
    await applyBadge(action, { ...quiet, overdueSteps: ['Bellen'] });
    expect(icons[0]?.['16']).toBe('icon/icon-16.png');
  });
});
