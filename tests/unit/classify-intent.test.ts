/**
 * The intent of the user's own mail (lib/classify/intent.ts): asking, closing, neutral or unseen,
 * with the words that decided. Sentences as people write them, Dutch and English, among them every
 * outgoing mail of the labelled mailbox and of the demo mailbox.
 */
import { describe, expect, it } from 'vitest';
import { classifyIntent, type MailIntent } from '@/lib/classify/intent';

const TABLE: ReadonlyArray<readonly [string, MailIntent, string?]> = [
  // the labelled mailbox's own mails
  [
    'Beste Ruud, Zou u in de komende weken tijd hebben voor een gesprek over het buurtbudget in de Rivierenwijk?',
    'asking',
    'zou u',
  ],
  [
    'Beste Ruud, Graag hoor ik of een gesprek over het buurtbudget mogelijk is. Kunt u mij een paar data noemen?',
    'asking',
    'graag hoor ik',
  ],
  ['Beste Ruud, Ik probeer het nog een keer: laat u mij weten of u openstaat voor een gesprek?', 'asking'],
  [
    'Geachte wethouder Oosterhof, Graag nodigen wij u uit om op 12 december de nieuwe buurtkamer in de Rivierenwijk te openen. Zou u dat willen doen?',
    'asking',
    'nodigen wij u uit',
  ],
  [
    'Geachte wethouder Oosterhof, Mag ik u nog eens vragen of u de buurtkamer op 12 december zou willen openen?',
    'asking',
    'mag ik',
  ],
  ['Hoi Sander, Kun je mij de cijfers van het vrijwilligerswerk van dit jaar sturen?', 'asking', 'kun je'],
  ['Hartelijk dank voor de stukken!', 'closing', 'hartelijk dank'],
  ['Hallo Fatma, Wat een mooi plan! Wil je me je telefoonnummer sturen, dan bel ik je deze week?', 'asking', 'wil je'],
  ['Fijn, tot maandag! Wil je de cijfers van de wijkteams meenemen?', 'asking', 'wil je'],
  [
    'Beste raadslid Dijkstra, Naar aanleiding van uw motie over buurtrecht nodig ik u graag uit voor een werkbezoek. Heeft u in december een moment?',
    'asking',
  ],
  ['Beste Marieke, Dank u wel, ik wacht uw bericht af.', 'closing', 'dank u'],
  [
    'Beste Karim, Els en Tom, Op 19 december organiseren we een buurtfeest in Tilburg-Noord. Kunnen jullie laten weten of jullie meedoen?',
    'asking',
  ],
  ['Beste Priya, Kunt u mij laten weten hoe het participatieplan voor Almere Haven eruitziet?', 'asking', 'kunt u'],
  [
    'Ter informatie, misschien interessant voor jullie. ---------- Doorgestuurd bericht --------- Van: Provincie Flevoland. Kunt u dit verspreiden?',
    'closing',
    'ter informatie',
  ],
  [
    'Geachte wethouder Kok, Hierbij het verslag van de bewonersavond in de Haven. Graag hoor ik of u in januari tijd heeft voor een gesprek. ---------- Doorgestuurd bericht --------- Verslag bewonersavond Haven.',
    'asking',
    'graag hoor ik',
  ],
  ['Dank! Fijn weekend?', 'closing'],
  ['Beste mevrouw Wijnia, Ik kom nog even terug op mijn vraag: zou een gesprek over de motie mogelijk zijn?', 'asking'],
  ['Dank je wel, Linda, dan weet ik genoeg.', 'closing', 'dank je'],
  ['Beste Ingrid, Zouden jullie willen meedenken over een vrijwilligersbank voor Ede? Ik stuur een korte notitie mee.', 'asking'],
  ['Excuses, hierbij alsnog de notitie.', 'neutral'],
  [
    'Geachte heer Yilmaz, Hierbij ons voorstel voor Houten. Zullen we een afspraak maken om het te bespreken?',
    'asking',
    'zullen we',
  ],
  ['Beste Joke, Kunnen we het Wmo-loket verwijzen naar ons buurtplatform? Ik hoor graag hoe jullie daarover denken.', 'asking'],
  ['Ter informatie: hierbij nog onze brochure.', 'closing', 'ter informatie'],
  ['Helder, dank je. Ik pak het verder op.', 'closing', 'helder'],
  ['Beste Lisa, Hierbij ons voorstel voor de armoedeaanpak in Presikhaaf.', 'neutral'],
  ['Beste Thijs, Ter informatie: hierbij het jaarverslag 2025 van WijkWaarde.', 'closing'],
  [
    'Geachte wethouder Zeeman, Graag nodig ik u uit voor onze buurtplatformdag op 15 januari. Laat u mij weten of u kunt?',
    'asking',
  ],
  ['Beste Esther, Heb je mijn notitie kunnen lezen? Ik hoor graag wanneer het je uitkomt.', 'asking'],
  ['Dank voor je reactie! Kun je me ook de begroting sturen?', 'asking', 'kun je'],
  ['Beste Roos, Zullen we op donderdag 10 december om 13:00 bellen over de jeugdaanpak?', 'asking', 'zullen we'],
  [
    'Geachte griffier, Graag zou ik inspreken bij de commissie Maatschappij. Kunt u mij laten weten hoe ik mij kan aanmelden?',
    'asking',
  ],
  // the demo mailbox's own mails
  ['Top, dan zien we elkaar dinsdag 24 november om 10:00 in het Stadskantoor.', 'closing', 'top'],
  ['Geachte mevrouw Van Dijk, Graag nodigen wij u uit voor een werkbezoek aan onze buurtkamer in Holtenbroek.', 'asking'],
  [
    'Geachte mevrouw Van Dijk, Graag breng ik onze uitnodiging van 27 oktober nogmaals onder uw aandacht.',
    'asking',
    'onder uw aandacht',
  ],
  ['Geachte mevrouw Hoekstra, Bij dezen herinner ik u graag aan mijn verzoek om kennismaking.', 'asking'],
  ['Geachte mevrouw Hoekstra, Graag maak ik kennis om te vertellen wat Buurtkracht in kleine kernen kan betekenen.', 'asking'],
  ['Beste Fatima, Zeker! Ik stuur je volgende week ons voorstel.', 'neutral'],
  ['Beste Henk, Wat mooi, woensdagmiddag past ons uitstekend.', 'closing'],
  ['Hallo Lotte, Ja, we komen met twee mensen.', 'neutral'],
  ['Geachte griffie, Dank voor de uitnodiging. Ik meld mij graag aan.', 'closing', 'dank'],
  ['Beste Pieter, De personeelskosten betreffen twee opbouwwerkers voor samen 1,4 fte.', 'neutral'],
  ['Beste Karin, Zeker, je ontvangt hem volgende week.', 'neutral'],
  ['Prima, vrijdag om 11:00.', 'closing', 'prima'],
  ['Beste Erik, ik bel je deze week even na over het voorstel.', 'neutral'],
  // more Dutch
  ['Laat maar weten als je nog iets mist. Groet, Noor', 'closing'],
  ['Mocht u nog vragen hebben, dan hoor ik het graag.', 'closing'],
  ['Hoe gaat het met je? Ik ben benieuwd naar jullie plannen.', 'closing'],
  ['Alles goed daar?', 'closing'],
  ['Wilt u mij de stukken voor de vergadering toesturen.', 'asking', 'wilt u'],
  ['Ik zie uw reactie graag tegemoet.', 'asking'],
  ['In afwachting van uw antwoord, met vriendelijke groet, Noor Jansen', 'asking'],
  ['Zou het mogelijk zijn om volgende week te bellen?', 'asking'],
  ['Akkoord, dan doen we het zo.', 'closing', 'akkoord'],
  ['Staat genoteerd, tot dan!', 'closing'],
  ['Doe de groeten aan Jan. Kun je hem vragen mij te bellen?', 'asking'],
  ['Hierbij de offerte.', 'neutral'],
  ['Fijne feestdagen en tot volgend jaar.', 'closing'],
  // English
  ['Hi Tom, could you send me the minutes of Tuesday?', 'asking', 'could you'],
  ['Please find attached our proposal.', 'neutral'],
  ['Please confirm the date.', 'asking', 'please confirm'],
  ['Thanks a lot, see you on Tuesday!', 'closing'],
  ['Let me know if you need anything else.', 'closing'],
  ['Let me know what you think.', 'asking', 'let me know'],
  ['I look forward to hearing from you. Kind regards, Noor', 'asking'],
  ['How are you? Have a nice weekend!', 'closing'],
  ['Great, noted.', 'closing'],
  ['Following up on my email of last week about the pilot.', 'asking'],
  ['We would like to invite you to our opening on 12 December.', 'asking'],
  ['Attached is the report for your information.', 'closing'],
];

describe('classifyIntent', () => {
  it.each(TABLE.map(([text, intent, words]) => [text, intent, words] as const))('%s -> %s', (text, intent, words) => {
    const result = classifyIntent(text);
    expect(result.intent).toBe(intent);
    expect(result.evidence.length).toBeGreaterThan(0);
    if (words) expect(JSON.stringify(result.evidence)).toContain(words);
  });

  it('says which words asked or closed', () => {
    expect(classifyIntent('Dank! Kunt u ook de begroting sturen?').evidence).toEqual([
      { code: 'intent-asks', values: { words: 'kunt u' } },
    ]);
    expect(classifyIntent('Dank! Fijn weekend?').evidence).toEqual([
      { code: 'intent-closes', values: { words: 'dank' } },
      { code: 'intent-courtesy-question', values: { words: 'fijn weekend?' } },
    ]);
    expect(classifyIntent('Hierbij de offerte.').evidence).toEqual([{ code: 'intent-no-ask' }]);
  });

  it('counts a mail without visible text as unseen (asking until seen)', () => {
    expect(classifyIntent('')).toEqual({ intent: 'unseen', evidence: [{ code: 'intent-no-text' }] });
    expect(classifyIntent('  Beste Ruud,  ').intent).toBe('unseen');
  });

  it('reads a snippet that stops mid-sentence as unseen unless what shows already asks', () => {
    const cut = 'Beste Ruud, Hartelijk dank voor uw mail van vorige week en voor de stukken die u stuurde, die we met veel';
    expect(classifyIntent(cut, { complete: false })).toEqual({ intent: 'unseen', evidence: [{ code: 'intent-cut-off' }] });
    expect(classifyIntent(cut, { complete: true }).intent).toBe('closing');
    expect(classifyIntent('Hartelijk dank voor de stukken!', { complete: false }).intent).toBe('closing');
    expect(
      classifyIntent('Beste Ruud, Kunt u mij de stukken van de evaluatie van vorig jaar en de', { complete: false }).intent,
    ).toBe('asking');
  });
});
