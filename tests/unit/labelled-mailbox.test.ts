/**
 * The labelled mailbox (tests/fixtures/labelled-mailbox.ts) read as its user reads it, with the
 * real readers, page by page (tests/fixtures/labelled-evaluation.ts): in Gmail only, in Outlook
 * only, and in both into one store. Against the truth: precision and recall of "needs attention"
 * 1.00, every attempt count, every status and every role right (the roles of people who never
 * wrote too: part 4 of the issue, tests/unit/labelled-mailbox-roles.test.ts checks their evidence).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type GemeenteradarDb } from '@/lib/store/db';
import {
  evaluateLabelled,
  readLabelledMailbox,
  type LabelledEvaluation,
  type LabelledHosts,
} from '../fixtures/labelled-evaluation';
import { LABELLED_MAILBOX, LABELLED_TRUTH } from '../fixtures/labelled-mailbox';

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

  it.each(LABELLED_TRUTH.map((truth) => [truth.person, truth] as const))('%s: status and role', (person, truth) => {
    const outcome = evaluation.outcomes.find((candidate) => candidate.truth.person === person)!;
    expect({ status: outcome.status, role: outcome.role }, truth.trap).toEqual({ status: truth.status, role: truth.role });
  });
});
