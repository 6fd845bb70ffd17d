/**
 * Roles from other people's text (lib/classify/mentions.ts): the user's salutations, subjects,
 * a secretariaat's "namens". Every shape in Dutch and in English, and the cases that must say
 * nothing: a title in a forward, several addressees, a name that is another person's or a word.
 */
import { describe, expect, it } from 'vitest';
import {
  classifyRole,
  classifyStakeholder,
  MENTION_CONFIDENCE,
  nameMatches,
  namensMentions,
  salutationMentions,
  subjectMentions,
  type MentionMail,
  type MentionPerson,
} from '@/lib/classify';
import { dutch } from '../fixtures/evidence';

const OWN = new Set(['noor@wijkwaarde.nl']);
const NOOR: MentionPerson = { name: 'Noor Jansen', address: 'noor@wijkwaarde.nl' };
const at = (name: string, address: string): MentionPerson => ({ name, address });
const OOSTERHOF = at('Marleen Oosterhof', 'm.oosterhof@deventer.nl');
const DIJKSTRA = at('Jeroen Dijkstra', 'jeroen.dijkstra@groningen.nl');
const DE_LANGE = at('Peter de Lange', 'p.delange@dordrecht.nl');
const VAN_DIJK = at('Dijk, Anne van', 'a.vandijk@zwolle.nl');
const DE_WIT = at('Anne de Wit', 'a.dewit@breda.nl');
const SMITH = at('Jane Smith', 'j.smith@example.org');
const JONES = at('Tom Jones', 't.jones@example.org');
const SMULDERS = at('Marieke Smulders', 'm.smulders@tilburg.nl');
const VOS = at('Hanneke Vos', 'h.vos@tilburg.nl');
const WIJNIA = at('Femke Wijnia', 'f.wijnia@leeuwarden.nl');
const HOEKSTRA = at('Anne Hoekstra', 'a.hoekstra@zwolle.nl');

function mail(excerpt: string, to: MentionPerson[], cc: MentionPerson[] = [], from: MentionPerson = NOOR): MentionMail {
  return { subject: 'Onderwerp', excerpt, from, to, cc };
}

describe("salutations in the user's own mail", () => {
  const found: [string, MentionMail, MentionPerson, string, number][] = [
    [
      '"Geachte wethouder Oosterhof,"',
      mail('Geachte wethouder Oosterhof, Graag nodigen wij u uit', [OOSTERHOF]),
      OOSTERHOF,
      'wethouder',
      MENTION_CONFIDENCE.salutationNamed,
    ],
    [
      '"Beste raadslid Dijkstra,"',
      mail('Beste raadslid Dijkstra, Naar aanleiding van uw motie', [DIJKSTRA]),
      DIJKSTRA,
      'gemeenteraad',
      MENTION_CONFIDENCE.salutationNamed,
    ],
    [
      '"Geachte griffier," to one person',
      mail('Geachte griffier, Graag zou ik inspreken', [DE_WIT]),
      DE_WIT,
      'gemeenteraad',
      MENTION_CONFIDENCE.salutationToOne,
    ],
    [
      '"Beste raadslid," to one person',
      mail('Beste raadslid, Heeft u even?', [DIJKSTRA]),
      DIJKSTRA,
      'gemeenteraad',
      MENTION_CONFIDENCE.salutationToOne,
    ],
    [
      'a surname with a tussenvoegsel',
      mail('Geachte wethouder De Lange, Graag spreek ik u', [DE_LANGE]),
      DE_LANGE,
      'wethouder',
      MENTION_CONFIDENCE.salutationNamed,
    ],
    [
      'a display name written surname first',
      mail('Geachte wethouder Van Dijk, Dank voor', [VAN_DIJK]),
      VAN_DIJK,
      'wethouder',
      MENTION_CONFIDENCE.salutationNamed,
    ],
    [
      '"mevrouw de wethouder"',
      mail('Geachte mevrouw de wethouder, Graag', [HOEKSTRA]),
      HOEKSTRA,
      'wethouder',
      MENTION_CONFIDENCE.salutationToOne,
    ],
    [
      '"wethouder mevrouw Hoekstra"',
      mail('Geachte wethouder mevrouw Hoekstra, Graag', [HOEKSTRA]),
      HOEKSTRA,
      'wethouder',
      MENTION_CONFIDENCE.salutationNamed,
    ],
    [
      'named among several recipients',
      mail('Geachte wethouder Oosterhof, Hierbij', [OOSTERHOF, DIJKSTRA], [DE_WIT]),
      OOSTERHOF,
      'wethouder',
      MENTION_CONFIDENCE.salutationNamed,
    ],
    [
      'a loco-burgemeester',
      mail('Geachte loco-burgemeester Hoekstra, Graag', [HOEKSTRA]),
      HOEKSTRA,
      'wethouder',
      MENTION_CONFIDENCE.salutationNamed,
    ],
    [
      'English: "Dear Councillor Smith,"',
      mail('Dear Councillor Smith, Thank you for', [SMITH]),
      SMITH,
      'gemeenteraad',
      MENTION_CONFIDENCE.salutationNamed,
    ],
    [
      'English: "Dear Alderman Jones,"',
      mail('Dear Alderman Jones, Would you', [JONES]),
      JONES,
      'wethouder',
      MENTION_CONFIDENCE.salutationNamed,
    ],
    [
      'English: "Dear Mayor," to one person',
      mail('Dear Mayor, I write to', [JONES]),
      JONES,
      'wethouder',
      MENTION_CONFIDENCE.salutationToOne,
    ],
  ];
  it.each(found)('%s', (_what, input, person, role, confidence) => {
    const mentions = salutationMentions(input, OWN);
    expect(mentions.map(({ address, role: found, confidence: sure }) => ({ address, role: found, confidence: sure }))).toEqual([
      { address: person.address, role, confidence },
    ]);
    expect(dutch(mentions[0]!.evidence)[0]).toMatch(/^aanhef van een mail aan deze persoon: "/);
  });

  const nothing: [string, MentionMail][] = [
    ['a title alone with several addressees', mail('Geachte griffier, Graag', [DE_WIT, DIJKSTRA])],
    ['a title alone with someone in cc', mail('Beste raadslid, Graag', [DIJKSTRA], [DE_WIT])],
    ["a name that is not the recipient's (her secretary)", mail('Geachte wethouder Vos, Graag', [SMULDERS])],
    [
      'a name two recipients share',
      mail('Geachte wethouder Oosterhof, Graag', [OOSTERHOF, at('Bert Oosterhof', 'b.oosterhof@deventer.nl')]),
    ],
    ['a plural: a group, not the recipient', mail('Geachte raadsleden, Graag', [DIJKSTRA])],
    ['burgemeester en wethouders: the college', mail('Geachte burgemeester en wethouders, Graag', [DIJKSTRA])],
    ['no title', mail('Geachte mevrouw Vos, Graag', [VOS])],
    ['a title later in the text', mail('Beste Ruud, de wethouder vroeg of je', [DIJKSTRA])],
    [
      'a title in a forwarded newsletter',
      mail('Ter informatie. ---------- Doorgestuurd bericht --------- Van: VNG. Geachte wethouder Oosterhof, de regeling', [
        OOSTERHOF,
      ]),
    ],
    ['only the user herself', mail('Beste raadslid, Graag', [NOOR])],
  ];
  it.each(nothing)('says nothing: %s', (_what, input) => {
    expect(salutationMentions(input, OWN)).toEqual([]);
  });
});

describe('subjects', () => {
  const participants = [NOOR, OOSTERHOF, DIJKSTRA, DE_LANGE, WIJNIA, JONES];
  it.each([
    ['Gesprek met wethouder De Lange', [[DE_LANGE, 'wethouder']]],
    ['Gesprek met raadslid Wijnia over motie buurtbudget', [[WIJNIA, 'gemeenteraad']]],
    ['Re: Gesprek met wethouder De Lange', [[DE_LANGE, 'wethouder']]],
    [
      'Overleg wethouder Oosterhof en raadslid Dijkstra',
      [
        [OOSTERHOF, 'wethouder'],
        [DIJKSTRA, 'gemeenteraad'],
      ],
    ],
    ['Meeting With Alderman Jones About Funding', [[JONES, 'wethouder']]],
  ] as const)('%s', (subject, expected) => {
    const mentions = subjectMentions(subject, participants, OWN);
    expect(mentions.map((mention) => [mention.address, mention.role, mention.confidence])).toEqual(
      expected.map(([person, role]) => [person.address, role, MENTION_CONFIDENCE.subject]),
    );
    expect(dutch(mentions[0]!.evidence)).toEqual([`onderwerp van een gesprek met deze persoon: "${subject}"`]);
  });

  it.each([
    ["a forward: someone else's subject", 'Fwd: Gesprek met wethouder De Lange', participants],
    ['a title without a name', 'Gesprek met de wethouder', participants],
    ['a name of nobody in the thread', 'Gesprek met wethouder Bakker', participants],
    [
      'a portfolio, not a name',
      'Wethouder Zorg en Welzijn bezoekt de wijk',
      [...participants, at('Kees Zorg', 'k.zorg@example.org')],
    ],
    ['a name that is a word', 'Overleg met wethouder Wonen', [...participants, at('Rob Wonen', 'r.wonen@example.org')]],
    [
      'a name two participants share',
      'Gesprek met wethouder De Lange',
      [...participants, at('Anna de Lange', 'a.delange@dordrecht.nl')],
    ],
    ['a plural title', 'Brief aan de raadsleden Dijkstra en Wijnia', participants],
  ])('says nothing: %s', (_what, subject, people) => {
    expect(subjectMentions(subject, people, OWN)).toEqual([]);
  });
});

describe('"namens" in a mail someone else wrote', () => {
  it('tells the role of the person named, and that the writer works for them', () => {
    const secretariaat = mail(
      'Geachte mevrouw Jansen, Namens wethouder Vos dank ik u voor uw bericht.',
      [NOOR, VOS],
      [],
      SMULDERS,
    );
    const found = namensMentions(secretariaat, [NOOR, SMULDERS], OWN);
    expect(found.roles.map((mention) => [mention.address, mention.role, mention.confidence])).toEqual([
      [VOS.address, 'wethouder', MENTION_CONFIDENCE.namens],
      [SMULDERS.address, 'wethouder', MENTION_CONFIDENCE.namensSender],
    ]);
    expect(dutch(found.roles[0]!.evidence)).toEqual(['Marieke Smulders schrijft "Namens wethouder Vos"']);
    expect(found.worksFor).toEqual([{ address: SMULDERS.address, forAddress: VOS.address, evidence: found.roles[1]!.evidence }]);
    expect(dutch(found.worksFor[0]!.evidence)).toEqual(['schrijft "Namens wethouder Vos": werkt voor Hanneke Vos']);
  });

  it("finds the person among the thread's participants, and reads English", () => {
    const reply = mail(
      'On behalf of Councillor Smith, thank you for your invitation.',
      [NOOR],
      [],
      at('Pat Office', 'office@example.org'),
    );
    const found = namensMentions(reply, [NOOR, SMITH], OWN);
    expect(found.roles.map((mention) => [mention.address, mention.role])).toEqual([
      [SMITH.address, 'gemeenteraad'],
      ['office@example.org', 'gemeenteraad'],
    ]);
  });

  it.each([
    ['without a name', mail('Namens de wethouder dank ik u.', [NOOR, VOS], [], SMULDERS)],
    ['for the residents', mail('Namens de bewoners van Houten-Zuid: graag!', [NOOR, VOS], [], SMULDERS)],
    ['of someone not in the thread', mail('Namens wethouder Bakker dank ik u.', [NOOR, VOS], [], SMULDERS)],
    [
      'in the quoted mail',
      mail('Dank u. Op 18 nov. 2026 schreef Marieke Smulders: Namens wethouder Vos dank ik u.', [NOOR, VOS], [], DE_WIT),
    ],
    ['by the user herself', mail('Namens wethouder Vos stuur ik u de stukken.', [VOS])],
  ])('says nothing %s', (_what, input) => {
    expect(namensMentions(input, [NOOR, VOS, SMULDERS], OWN)).toEqual({ roles: [], worksFor: [] });
  });
});

describe('names', () => {
  it.each([
    ['Oosterhof', 'Marleen Oosterhof', true],
    ['De Lange', 'Peter de Lange', true],
    ['de Lange', 'Peter De Lange', true],
    ['Lange', 'Peter de Lange', true],
    ['Van Dijk', 'Dijk, Anne van', true],
    ['Hanneke Vos', 'Hanneke Vos', true],
    ['Vos', 'Hanneke Vos-de Groot', false],
    ['Dijk', 'Anne van Dijkstra', false],
    ['Vos', 'h.vos@tilburg.nl', false],
    ['Van', 'Anne van Dijk', false],
    ['Zorg', 'Kees Zorg', false],
    ['Jansen', 'Jan Jansen', true],
  ])('%s is %s: %s', (mentioned, displayName, expected) => {
    expect(nameMatches(mentioned, displayName)).toBe(expected);
  });
});

describe('the order of trust', () => {
  const address = 'a.hoekstra@zwolle.nl';
  const salutation = salutationMentions(mail('Geachte wethouder Hoekstra, Graag', [HOEKSTRA]), OWN);
  const subject = subjectMentions('Overleg met raadslid Hoekstra', [HOEKSTRA], OWN);

  it("puts her own title first, others' explicit title next, then a telling mailbox, then the organisation", () => {
    const ownTitle = classifyRole({
      address,
      name: 'Anne Hoekstra',
      signature: 'Anne Hoekstra\nBeleidsadviseur\nGemeente Zwolle',
    });
    const mailbox = classifyRole({ address: 'griffie@zwolle.nl', name: '' });
    const organisation = classifyRole({ address, name: 'Anne Hoekstra' });
    expect(ownTitle.confidence).toBeGreaterThan(MENTION_CONFIDENCE.salutationNamed);
    expect(
      Math.min(
        MENTION_CONFIDENCE.salutationNamed,
        MENTION_CONFIDENCE.salutationToOne,
        MENTION_CONFIDENCE.namens,
        MENTION_CONFIDENCE.subject,
      ),
    ).toBeGreaterThan(mailbox.confidence);
    expect(mailbox.confidence).toBeGreaterThan(MENTION_CONFIDENCE.namensSender);
    expect(MENTION_CONFIDENCE.namensSender).toBeGreaterThan(organisation.confidence);
  });

  it.each([
    [
      'her own signature beats the salutation',
      [{ address, name: 'Anne Hoekstra', signature: 'Beleidsadviseur\nGemeente Zwolle' }],
      salutation,
      'ambtenaar',
    ],
    ["the salutation beats the gemeente's default", [{ address, name: 'Anne Hoekstra' }], salutation, 'wethouder'],
    ['the salutation beats the subject', [{ address, name: 'Anne Hoekstra' }], [...subject, ...salutation], 'wethouder'],
    ["a subject beats the gemeente's default", [{ address, name: 'Anne Hoekstra' }], subject, 'gemeenteraad'],
  ] as const)('%s', (_what, signals, mentions, role) => {
    expect(classifyStakeholder(address, signals, mentions).role?.value).toBe(role);
  });

  it("shows the gemeente's default as a guess, and a mention as what it is", () => {
    expect(dutch(classifyStakeholder(address, [{ address, name: 'Anne Hoekstra' }]).role?.evidence)).toContain(
      'medewerker van een gemeente: standaard ambtenaar',
    );
    expect(dutch(classifyStakeholder(address, [{ address, name: 'Anne Hoekstra' }], salutation).role?.evidence)).toEqual([
      'aanhef van een mail aan deze persoon: "Geachte wethouder Hoekstra,"',
    ]);
  });
});
