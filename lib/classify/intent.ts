/**
 * What the user's own outgoing mail does, from its visible text (Dutch and English): does it ask
 * for something (an attempt to reach the other side) or does it close (thanks, confirms, informs)?
 * Only asking mail starts or adds to waiting (lib/latency/model.ts).
 *
 * - asking: a question (a sentence that ends in "?", unless it is a courtesy formula such as "Fijn
 *   weekend?" or "Alles goed?"), a request ("kunt u", "zou u", "wilt u", "graag hoor ik", "laat u
 *   mij weten", "could you", "let me know"), a proposal or invitation ("zullen we", "graag nodig
 *   ik u uit"), a reminder of an earlier request ("nogmaals onder uw aandacht", "ik kom terug op
 *   mijn vraag"). One ask anywhere makes the whole mail asking: "Dank voor je reactie! Kun je me
 *   ook de begroting sturen?" asks.
 * - closing: no ask, and thanks, a confirmation ("prima", "helder", "akkoord"), an agreed
 *   appointment ("dan zien we elkaar", "tot dan"), information ("ter informatie"), a wish ("fijn
 *   weekend"), or an offer that needs no answer ("laat maar weten als je nog iets mist").
 * - neutral: neither ("Hierbij ons voorstel.", "Ja, we komen met twee mensen."). Whether that is an
 *   attempt depends on the thread, which only the latency model sees: a neutral mail that answers
 *   their last mail is none, one that opens contact or follows the user's own unanswered mail is
 *   an attempt (a proposal sent to someone who never wrote expects an answer).
 * - unseen: no text visible, or a collapsed message's snippet that may have been cut off before an
 *   ask could show (it does not end a sentence, and nothing visible asks): counts as asking until
 *   the message is seen whole.
 *
 * Order matters: courtesy questions are taken out before the question-mark rule, offers before the
 * "laat ... weten" request, and an ask wins over closing words. Only the writer's own words count
 * (lib/vocabulary/mail-text.ts: no salutation, sign-off, forwarded or quoted mail). The evidence
 * quotes the words that decided.
 */
import { evidence, type Evidence } from '../vocabulary/evidence';
import { endsLikeASentence, normaliseMailText, ownWords, sentencesOf } from '../vocabulary/mail-text';

export const MAIL_INTENTS = ['asking', 'closing', 'neutral', 'unseen'] as const;
export type MailIntent = (typeof MAIL_INTENTS)[number];

export interface IntentResult {
  intent: MailIntent;
  evidence: Evidence[];
}

export interface IntentOptions {
  /** the whole text was seen (an expanded message); false for a collapsed message's snippet */
  complete: boolean;
}

/** "Fijn weekend?", "Alles goed?", "Hoe gaat het met je?", "How are you?": a question that asks nothing. */
const COURTESY_QUESTION = new RegExp(
  '^(?:en |and )?(?:nog |ook )?(?:een )?(?:' +
    [
      '(?:fijn|goed|prettig|lekker|mooi) weekend(?: gehad)?',
      '(?:fijne|goede|prettige) (?:dag|avond|vakantie|feestdagen)(?: gehad)?',
      'alles goed(?: met (?:je|u|jullie))?(?: daar)?',
      'hoe (?:gaat het|is het)(?: met (?:je|u|jullie))?(?: daar)?',
      'how are (?:you|things)(?: doing)?',
      'how was (?:your|the) weekend',
      'all (?:good|well)',
      '(?:have a )?(?:nice|good|great) weekend',
    ].join('|') +
    ')[\\s!?.]*$',
);

/** Offers that need no answer: they close a mail ("laat maar weten als je nog iets mist"). */
const OFFER = new RegExp(
  [
    '\\blaat (?:het |u |je |jij |jullie )?(?:maar |gerust |even )?(?:\\w+ )?weten (?:als|wanneer|indien|mocht)\\b',
    '\\bmocht(?:en)? (?:u|je|jij|jullie) (?:nog )?(?:vragen|iets)',
    '\\bals (?:u|je|jij|jullie) nog (?:vragen|iets)',
    '\\bbel(?:t)? (?:me |mij |u )?gerust\\b',
    '\\blet me know if\\b',
    '\\bif you have any (?:questions|comments)\\b',
    "\\b(?:feel free|don't hesitate|do not hesitate)\\b",
  ].join('|'),
  'g',
);

/** Requests, proposals, invitations and reminders: one is enough to make a mail asking. */
const ASK = new RegExp(
  [
    // a request in inverted word order at the start of a sentence ("Kunt u ...", "Wilt u ...")
    '^(?:en |dus |ook |verder |nu |alvast |tot slot |daarnaast |tenslotte )?(?:kunt|kun|kan|kunnen|zou|zoudt|zouden|wilt|wil|willen|mag|heeft|heb|hebben|bent|ben|weet|zullen|zal) (?:u|je|jij|jullie|we|wij|ik)\\b',
    '\\bzou(?:den|dt)? (?:u|je|jij|jullie) [^.!?]{0,80}\\b(?:willen|kunnen)\\b',
    '\\b(?:graag|gaarne) (?:hoor|verneem|ontvang|zie) (?:ik|wij|we)\\b',
    '\\b(?:ik|wij|we) (?:hoor|horen|verneem|vernemen|ontvang|ontvangen) (?:het |dit |dat |deze |die |uw |je |jullie )?(?:reactie |antwoord )?graag\\b',
    '\\bhoor(?:en)? (?:ik |wij |we )?graag (?:van|of|wanneer|hoe|wat|welke|uw|je|jullie)\\b',
    '\\blaat (?:u |je |jij |jullie )?(?:mij |me |ons )?(?:even |maar |gerust |nog |alstublieft |aub )?(?:\\w+ )?weten\\b',
    '\\b(?:zie|zien) (?:uw|je|jullie) (?:reactie|antwoord) graag tegemoet\\b',
    '\\bin afwachting van (?:uw|je|jullie) (?:reactie|antwoord)\\b',
    '\\bkijk(?:en)? (?:ik |wij |we )?uit naar (?:uw|je|jullie) (?:reactie|antwoord)\\b',
    '\\b(?:ik|wij|we) (?:verzoek|verzoeken) (?:u|je|jullie)\\b',
    '\\b(?:graag )?(?:nodig|nodigen) (?:ik|wij|we) (?:u|je|jullie) (?:graag )?[^.!?]{0,60}\\buit\\b',
    '\\b(?:ik|wij|we) (?:nodig|nodigen) (?:u|je|jullie) (?:graag |hierbij )?[^.!?]{0,60}\\buit\\b',
    '\\bgraag (?:maak|maken) (?:ik|wij|we) (?:kennis|een afspraak)\\b',
    '\\bgraag (?:zou|wil|zouden|willen) (?:ik|wij|we) (?:u|je|jullie) [^.!?]{0,40}\\b(?:spreken|ontmoeten|bellen|zien)\\b',
    '\\bonder (?:uw|je|jullie) aandacht\\b',
    '\\bherinner(?:en)? (?:ik |wij |we )?(?:u|je|jullie) [^.!?]{0,40}\\baan\\b',
    '\\bik (?:kom|wil) (?:nog )?(?:even |graag )?terug(?:komen)? op (?:mijn|ons) (?:vraag|verzoek|mail|bericht|uitnodiging)\\b',
    '\\bik probeer het nog (?:een|één|1) keer\\b',
    '\\bwanneer het (?:u|je|jullie) (?:uitkomt|schikt|past)\\b',
    '\\bgraag (?:uw|je|jullie|een) (?:reactie|antwoord|bevestiging)\\b',
    '\\b(?:stuur|mail|bel)(?:t)? (?:u |je )?(?:me|mij|ons) [^.!?]{0,60}\\b(?:toe|door|terug|op|even)\\b',
    '\\b(?:could|can|would|will) you\\b',
    '\\b(?:would|is) it (?:be )?possible\\b',
    '\\bare you (?:available|free|able)\\b',
    '\\bdo you have (?:time|a moment|a minute)\\b',
    '\\blet (?:me|us) know\\b',
    '\\bplease (?:send|call|confirm|reply|respond|advise|share|forward|review|check|get back|contact|let|tell|find time)\\b',
    '\\blook(?:ing)? forward to (?:hearing|your (?:reply|response|answer|thoughts))\\b',
    "\\b(?:i|we)(?: would|'d) (?:like to invite|love to (?:hear|meet|talk)|appreciate)\\b",
    '\\binvite you\\b',
    '\\b(?:shall|should) we\\b',
    '\\bmay i ask\\b',
    '\\bkindly\\b',
    '\\b(?:following up|just checking|gentle reminder|a reminder)\\b',
    '\\bwhen (?:would|does) it suit you\\b',
  ].join('|'),
);

/** Words that close: thanks, confirmation, an agreed appointment, information, wishes. */
const CLOSING = new RegExp(
  [
    '\\b(?:hartelijk |heel erg |erg |veel |alvast )?(?:dank(?: (?:je|u|jullie)(?: wel)?|je(?:wel)?)?|bedankt)\\b',
    '\\b(?:many thanks|thanks|thank you)\\b',
    '\\b(?:top|prima|akkoord|helder|duidelijk|afgesproken|perfect|genoteerd|noted|great|agreed|confirmed)\\b',
    '\\b(?:goed zo|klinkt goed|sounds good|got it|will do|dat is goed|dat past|komt goed)\\b',
    '^(?:fijn|mooi|wat mooi|wat fijn|ok|oke|okay|goed)\\b',
    '\\bstaat (?:in (?:mijn|de|onze) agenda|genoteerd)\\b',
    '\\bik pak het (?:verder )?op\\b',
    '\\bdan weet ik genoeg\\b',
    '\\bik wacht (?:uw|je|jullie|het) (?:bericht|reactie|antwoord)? ?af\\b',
    '\\b(?:ter informatie|ter info|ter kennisname|fyi|for your (?:information|reference))\\b',
    '\\bdan zien we elkaar\\b',
    '\\btot (?:dan|zo|straks|morgen|ziens|binnenkort|volgende week|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\\b',
    '\\b(?:see you|talk (?:to you )?(?:then|soon))\\b',
    '\\b(?:fijn|goed|prettig|mooi) weekend\\b',
    '\\b(?:fijne|goede|prettige) (?:dag|avond|vakantie|feestdagen)\\b',
    '\\b(?:have a (?:nice|good|great)|enjoy (?:your|the)) (?:weekend|day)\\b',
    '\\b(?:geen (?:reactie|antwoord) nodig|no need to (?:reply|respond))\\b',
  ].join('|'),
);

/** A quote of at most this many characters: enough to recognise, short enough to show. */
const QUOTE_CHARS = 60;

function quote(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > QUOTE_CHARS ? `${trimmed.slice(0, QUOTE_CHARS - 1)}…` : trimmed;
}

interface SentenceReading {
  asks: string | null;
  closes: string | null;
  courtesy: string | null;
}

function readSentence(sentence: string): SentenceReading {
  const reading: SentenceReading = { asks: null, closes: null, courtesy: null };
  if (COURTESY_QUESTION.test(sentence)) {
    reading.courtesy = sentence;
    reading.closes = sentence;
    return reading;
  }
  const offers = [...sentence.matchAll(OFFER)];
  const rest = offers.reduce((text, match) => text.replace(match[0], ' '), sentence);
  if (offers.length > 0) reading.closes = (offers[0] as RegExpMatchArray)[0];
  const ask = ASK.exec(rest);
  if (ask) reading.asks = ask[0];
  else if (/\?/.test(rest)) reading.asks = sentence;
  const closing = CLOSING.exec(rest);
  if (closing) reading.closes ??= closing[0];
  return reading;
}

/** The intent of one outgoing mail from the text the page showed (see the header for the rules). */
export function classifyIntent(text: string, options: IntentOptions = { complete: true }): IntentResult {
  const own = ownWords(normaliseMailText(text));
  if (own === '') return { intent: 'unseen', evidence: [evidence('intent-no-text')] };
  let closes: string | null = null;
  let courtesy: string | null = null;
  for (const sentence of sentencesOf(own)) {
    const reading = readSentence(sentence);
    if (reading.asks) return { intent: 'asking', evidence: [evidence('intent-asks', { words: quote(reading.asks) })] };
    closes ??= reading.closes;
    courtesy ??= reading.courtesy;
  }
  // a snippet that stops mid-sentence may hide the question: asking until the mail is seen whole
  if (!options.complete && !endsLikeASentence(text)) return { intent: 'unseen', evidence: [evidence('intent-cut-off')] };
  if (closes === null) return { intent: 'neutral', evidence: [evidence('intent-no-ask')] };
  const found = [evidence('intent-closes', { words: quote(closes) })];
  if (courtesy !== null && courtesy !== closes) found.push(evidence('intent-courtesy-question', { words: quote(courtesy) }));
  else if (courtesy !== null) found[0] = evidence('intent-courtesy-question', { words: quote(courtesy) });
  return { intent: 'closing', evidence: found };
}
