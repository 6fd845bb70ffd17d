import { describe, expect, it } from 'vitest';
import { detectAutoReply, detectAutoReplyWithHeaders, type AutoSubmittedHeader } from '@/lib/latency/auto-reply';

const at = (year: number, month: number, day: number, hour = 10) => new Date(year, month - 1, day, hour).getTime();
/** The end of a local day: what "through that day" means. */
const endOf = (year: number, month: number, day: number) => new Date(year, month - 1, day, 23, 59, 59, 999).getTime();

/** Friday 27 November 2026, the message time unless a case says otherwise. */
const FRIDAY = at(2026, 11, 27);

interface Case {
  name: string;
  subject: string;
  excerpt: string;
  now?: number;
  isAutoReply: boolean;
  until?: number | null;
}

const CASES: Case[] = [
  // Dutch
  {
    name: 'nl: Outlook "Automatisch antwoord" with "tot en met"',
    subject: 'Automatisch antwoord: Re: Voorstel vrijwilligersplatform',
    excerpt: 'Ik ben tot en met 5 december afwezig. In dringende gevallen kunt u contact opnemen met het secretariaat.',
    isAutoReply: true,
    until: endOf(2026, 12, 5),
  },
  {
    name: 'nl: subject only "Afwezig", t/m with a numeric date and year',
    subject: 'Afwezig',
    excerpt: 'Beste afzender, ik ben t/m 12-01-2027 met verlof.',
    isAutoReply: true,
    until: endOf(2027, 1, 12),
  },
  {
    name: 'nl: "Afwezigheidsmelding" without a date',
    subject: 'Afwezigheidsmelding',
    excerpt: 'Ik ben momenteel niet aanwezig. Uw e-mail wordt niet doorgestuurd.',
    isAutoReply: true,
    until: null,
  },
  {
    name: 'nl: Gmail vacation responder keeps "Re:", return date "weer aanwezig op"',
    subject: 'Re: Afspraak',
    excerpt: 'Ik ben weer aanwezig op maandag 7 december. Uw bericht wordt niet doorgestuurd.',
    isAutoReply: true,
    until: endOf(2026, 12, 6),
  },
  {
    name: 'nl: "vanaf ... ben ik weer" puts the date before the word weer',
    subject: 'Re: Afspraak',
    excerpt: 'Ik ben afwezig. Vanaf dinsdag 8 december ben ik weer op kantoor.',
    isAutoReply: true,
    until: endOf(2026, 12, 7),
  },
  {
    name: 'nl: a date without a year in January is next year',
    subject: 'Automatisch antwoord: overleg',
    excerpt: 'Ik ben met vakantie tot en met 4 januari.',
    now: at(2026, 12, 20),
    isAutoReply: true,
    until: endOf(2027, 1, 4),
  },
  {
    name: 'nl: a forgotten responder about a date just past stays in the past',
    subject: 'Automatisch antwoord: overleg',
    excerpt: 'Ik ben tot en met 5 december afwezig.',
    now: at(2026, 12, 10),
    isAutoReply: true,
    until: endOf(2026, 12, 5),
  },
  {
    name: 'nl: "tot nader bericht" has no end date',
    subject: 'Automatisch antwoord: Re: subsidie',
    excerpt: 'Ik ben tot nader bericht afwezig.',
    isAutoReply: true,
    until: null,
  },
  {
    name: 'nl: an office hour is not a date ("tot 10.15 uur")',
    subject: 'Automatisch antwoord: Re: subsidie',
    excerpt: 'Ik ben vandaag afwezig tot 10.15 uur.',
    isAutoReply: true,
    until: null,
  },
  {
    name: 'nl: a weekday alone is the next such day ("tot maandag")',
    subject: 'Afwezig',
    excerpt: 'Ik ben afwezig tot maandag.',
    isAutoReply: true,
    until: endOf(2026, 11, 30),
  },
  // English
  {
    name: 'en: "Automatic reply" until Monday 8 December',
    subject: 'Automatic reply: Volunteering platform',
    excerpt: 'I am out of the office until Monday 8 December with limited access to email.',
    isAutoReply: true,
    until: endOf(2026, 12, 8),
  },
  {
    name: 'en: "Out of Office" back on a date: away through the day before',
    subject: 'Out of Office',
    excerpt: "I'm away and will be back on 14 December 2026.",
    isAutoReply: true,
    until: endOf(2026, 12, 13),
  },
  {
    name: 'en: "Autoreply" with month-first date and ordinal',
    subject: 'Autoreply: your message',
    excerpt: 'Thank you for your email. I am on annual leave until December 18th, 2026.',
    isAutoReply: true,
    until: endOf(2026, 12, 18),
  },
  {
    name: 'en: "This is an automatic reply" in the body only',
    subject: 'Re: proposal',
    excerpt: 'This is an automatic reply. I will respond when I return.',
    isAutoReply: true,
    until: null,
  },
  // German
  {
    name: 'de: "Abwesenheitsnotiz" bis 05.12.2026',
    subject: 'Abwesenheitsnotiz: Angebot',
    excerpt: 'Ich bin bis 05.12.2026 nicht im Büro. Ihre Nachricht wird nicht weitergeleitet.',
    isAutoReply: true,
    until: endOf(2026, 12, 5),
  },
  {
    name: 'de: "Automatische Antwort" bis einschließlich 3. Januar',
    subject: 'Automatische Antwort: Termin',
    excerpt: 'Ich bin bis einschließlich 3. Januar im Urlaub. In dringenden Fällen wenden Sie sich bitte an ...',
    isAutoReply: true,
    until: endOf(2027, 1, 3),
  },
  {
    name: 'de: "ab ... wieder" is a return date',
    subject: 'Abwesenheitsnotiz',
    excerpt: 'Ich bin abwesend und ab dem 9. Dezember wieder im Büro.',
    isAutoReply: true,
    until: endOf(2026, 12, 8),
  },
  {
    name: 'de: short date without a year "bis zum 5.12."',
    subject: 'Autoreply',
    excerpt: 'Ich bin bis zum 5.12. abwesend.',
    isAutoReply: true,
    until: endOf(2026, 12, 5),
  },
  // Not automatic replies: people writing about absence, or ordinary words
  {
    name: 'a person who was away (past tense)',
    subject: 'Re: Voorstel',
    excerpt: 'Excuses voor de late reactie, ik ben afwezig geweest tot gisteren. Zullen we dinsdag bellen?',
    isAutoReply: false,
  },
  {
    name: 'a person saying they were out of office',
    subject: 'Re: proposal',
    excerpt: 'Sorry, I was out of office until Monday 8 December. Happy to meet next week.',
    isAutoReply: false,
  },
  {
    name: 'a person announcing leave in an ordinary reply',
    subject: 'Re: proposal',
    excerpt: 'Good idea. I will be on holiday until 8 December, can we meet after that?',
    isAutoReply: false,
  },
  {
    name: '"tot ziens" and "bis bald" are no end dates',
    subject: 'Re: planning',
    excerpt: 'Prima, tot ziens op 3 december! Bis bald.',
    isAutoReply: false,
  },
  {
    name: 'a subject about absence after "Re:" is a conversation',
    subject: 'Re: Afwezig bij de raadsvergadering',
    excerpt: 'Dat is jammer, dan plannen we het na 5 december.',
    isAutoReply: false,
  },
  {
    name: 'a subject that is a holiday topic, not a state',
    subject: 'Vakantie',
    excerpt: 'Hoi, wanneer gaan jullie op vakantie? Dan plannen we de raadsinformatieavond.',
    isAutoReply: false,
  },
  {
    name: 'an empty message',
    subject: '',
    excerpt: '',
    isAutoReply: false,
  },
];

describe('detectAutoReply', () => {
  for (const testCase of CASES) {
    it(testCase.name, () => {
      const result = detectAutoReply({ subject: testCase.subject, excerpt: testCase.excerpt }, { now: testCase.now ?? FRIDAY });
      expect(result.isAutoReply).toBe(testCase.isAutoReply);
      if (testCase.isAutoReply) {
        expect(result.until).toBe(testCase.until ?? null);
        expect(result.evidence).toMatch(/^automatisch antwoord: /);
      } else {
        expect(result).toEqual({ isAutoReply: false, until: null, evidence: '' });
      }
    });
  }

  it('names the phrase it read the end date from', () => {
    const result = detectAutoReply(
      { subject: 'Automatisch antwoord', excerpt: 'Ik ben tot en met 5 december afwezig.' },
      { now: FRIDAY },
    );
    expect(result.evidence).toContain('"tot en met 5 december"');
    expect(result.evidence).toContain('onderwerp "automatisch antwoord"');
  });

  it('says so when there is no end date', () => {
    const result = detectAutoReply({ subject: 'Out of office', excerpt: 'I am away.' }, { now: FRIDAY });
    expect(result.evidence).toContain('geen einddatum gevonden');
  });
});

describe('imported mail: its headers decide (Auto-Submitted, X-Autoreply)', () => {
  const ABSENT = { subject: 'Automatisch antwoord: Re: Wijkaanpak', excerpt: 'Ik ben tot en met 5 december afwezig.' };
  const SILENT = { subject: 'Re: Wijkaanpak', excerpt: 'Bedankt, ik kom er volgende week op terug.' };
  const HOLIDAY_TALK = {
    subject: 'Re: Wijkaanpak',
    excerpt: 'Ik ben tot en met 5 december afwezig, daarna graag een afspraak. Dit is geen automatisch antwoord.',
  };
  it.each([
    ["auto-replied, text recognised: an auto-reply, until the text's date", 'auto-replied', ABSENT, true, endOf(2026, 12, 5)],
    ['auto-replied, text says nothing we know: still one, no end date', 'auto-replied', SILENT, true, null],
    ['no header, text that reads as an out-of-office: a person wrote it', null, ABSENT, false, null],
    ['no header, a person announcing a holiday', null, HOLIDAY_TALK, false, null],
    ['auto-generated: the text decides (an absence)', 'auto-generated', ABSENT, true, endOf(2026, 12, 5)],
    ['auto-generated: the text decides (a notification)', 'auto-generated', SILENT, false, null],
  ] as const)('%s', (_label, header: AutoSubmittedHeader, input, isAutoReply, until) => {
    const result = detectAutoReplyWithHeaders(input, header, { now: FRIDAY });
    expect(result.isAutoReply).toBe(isAutoReply);
    expect(result.until).toBe(until);
    if (header === 'auto-replied') expect(result.evidence).toContain('Auto-Submitted');
  });
});
