import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOSTNAMES_BY_MAIL_HOST, MAIL_HOST_PATTERNS, MAIL_HOSTNAMES, MAIL_HOSTS, matchPatternsOf } from '@/lib/vocabulary/hosts';
import { isOwnerPlaceholderName } from '@/lib/vocabulary/owner-names';
import { LATENCY_STATUSES, statusColor, statusSeverity, toneCustomProperties } from '@/lib/vocabulary/statuses';
import { subjectTopic } from '@/lib/vocabulary/subjects';
import { foldAccentsAndCase, foldForMatching, foldForSearch } from '@/lib/vocabulary/text-folding';

describe('hosts', () => {
  it('derives every host list from the one table', () => {
    expect(MAIL_HOSTS).toEqual(['gmail', 'outlook']);
    expect(matchPatternsOf('gmail')).toEqual(['https://mail.google.com/*']);
    expect(MAIL_HOST_PATTERNS).toEqual(MAIL_HOSTNAMES.map((hostname) => `https://${hostname}/*`));
    expect(MAIL_HOSTNAMES).toEqual(Object.values(HOSTNAMES_BY_MAIL_HOST).flat());
  });
});

describe('owner placeholder names', () => {
  it.each([
    ['me', true],
    [' Ik ', true],
    ['mij', true],
    ['ICH', true],
    ['You', true],
    ['Jan', false],
    ['', false],
    [null, false],
  ])('%j: %s', (name, expected) => {
    expect(isOwnerPlaceholderName(name)).toBe(expected);
  });
});

describe('subjectTopic', () => {
  it.each([
    ['Wijkaanpak Holtenbroek', 'wijkaanpak holtenbroek'],
    ['RE: Wijkaanpak', 'wijkaanpak'],
    ['Re: Fwd: Antw: Wijkaanpak', 'wijkaanpak'],
    ['RE[2]: Wijkaanpak', 'wijkaanpak'],
    ['WG:  Doorst: wijkaanpak  ', 'wijkaanpak'],
    ['TR: SV: VS: Wijkaanpak', 'wijkaanpak'],
    ['Reactie: wijkaanpak', 'reactie: wijkaanpak'],
  ])('%j -> %j', (subject, topic) => {
    expect(subjectTopic(subject)).toBe(topic);
  });
});

describe('text foldings, each for its purpose', () => {
  it('keeps each folding as it was', () => {
    const name = "'s-Hertogenbosch Súdwest-Fryslân";
    expect(foldForMatching(name)).toBe(' s hertogenbosch sudwest fryslan');
    expect(foldForMatching(name)).toHaveLength(name.length);
    expect(foldForSearch(name)).toBe('s hertogenbosch sudwest fryslan');
    expect(foldAccentsAndCase(name)).toBe("'s-hertogenbosch sudwest-fryslan");
  });
});

describe('statuses', () => {
  it('orders by severity and colours every surface from one table', () => {
    expect(LATENCY_STATUSES).toEqual(['ok', 'snoozed', 'waiting', 'slow', 'unresponsive']);
    expect(LATENCY_STATUSES.map(statusSeverity)).toEqual([0, 1, 2, 3, 4]);
    expect(statusColor('unresponsive')).toBe('#b42318');
    expect(statusColor('slow')).toBe(statusColor('waiting'));
    const css = readFileSync('components/styles.css', 'utf8');
    for (const [property] of toneCustomProperties()) {
      expect(css, `${property} is used by the pages`).toContain(`var(${property})`);
      expect(css, `${property} is set from the vocabulary, not in the stylesheet`).not.toMatch(new RegExp(`${property}\\s*:`));
    }
  });
});
