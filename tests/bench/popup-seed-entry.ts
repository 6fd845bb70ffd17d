// Evaluated inside the extension's popup page (bundled by tests/bench/popup.ts): fills the
// extension's real database with a large, realistic store, straight through the validated tables.
import { allMunicipalities } from '@/lib/data';
import { STAKEHOLDER_ROLES } from '@/lib/vocabulary/roles';
import { getDb } from '@/lib/store/db';
import { refreshSummaries } from '@/lib/store/summary-service';
import type { Contact, LatencyRecord, Message, Tag, Thread } from '@/lib/store/schemas';
import { evidence } from '@/lib/vocabulary/evidence';

async function seedPopupStore({
  contacts: contactCount,
  interactions,
  now,
}: {
  contacts: number;
  interactions: number;
  now: number;
}) {
  const db = getDb();
  await db.open();
  await Promise.all(db.tables.map((table) => table.clear()));
  const municipalities = allMunicipalities();
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const day = 86_400_000;
  const contacts: Contact[] = [];
  const latency: LatencyRecord[] = [];
  for (let index = 0; index < contactCount; index++) {
    const municipality = municipalities[index % municipalities.length]!;
    const role = STAKEHOLDER_ROLES[index % STAKEHOLDER_ROLES.length]!;
    const id = `c:persoon${index}@${municipality.domains[0]}`;
    contacts.push({
      id,
      name: `Persoon ${index} ${municipality.name}`,
      addresses: [id.slice(2)],
      kind: 'stakeholder',
      organisationId: `org:gemeente:${municipality.code}`,
      municipalityCode: municipality.code,
      role,
      firstSeenAt: now - Math.floor(random() * 700) * day,
      lastSeenAt: now - Math.floor(random() * 60) * day,
      updatedAt: now,
    });
    const status = (['ok', 'ok', 'waiting', 'slow', 'unresponsive'] as const)[index % 5]!;
    latency.push({
      contactId: id,
      municipalityCode: municipality.code,
      organisationId: `org:gemeente:${municipality.code}`,
      role,
      status,
      attemptsSinceLastResponse: status === 'ok' ? 0 : 1 + (index % 3),
      attemptsCountedForStatus: status === 'ok' ? 0 : 1 + (index % 3),
      waitingSince: status === 'ok' ? null : now - 20 * day,
      lastAttemptAt: null,
      workingDaysWaiting: status === 'ok' ? null : 14,
      lastResponseAt: now - 30 * day,
      lastResponseKind: 'email',
      medianResponseWorkingDays: 3,
      lastResponseWorkingDays: 2,
      responseSamples: 4,
      absentUntil: null,
      thresholds: { ideal: 5, max: 10 },
      overdueScore: status === 'unresponsive' ? 1.4 : status === 'slow' ? 0.8 : 0,
      evidence: [evidence('attempts-unanswered', { attempts: 3 })],
      computedAt: now,
    });
    // the rules' tags, as ingest keeps them: on the contact
    const ruleTags: Tag[] = [];
    contacts[contacts.length - 1]!.ruleTags = ruleTags;
    for (const dimension of ['municipality', 'role'] as const) {
      ruleTags.push({
        id: `rule:contact:${id}:${dimension}`,
        subjectType: 'contact',
        subjectId: id,
        dimension,
        value: dimension === 'role' ? role : municipality.code,
        source: 'rule',
        evidence: [
          dimension === 'role'
            ? evidence('role-title-signature', { title: 'beleidsadviseur' })
            : evidence('municipality-domain', { domain: municipality.domains[0] ?? '' }),
        ],
        confidence: 0.9,
        updatedAt: now,
      });
    }
  }
  const threads: Thread[] = [];
  const messages: Message[] = [];
  const perThread = 5;
  for (let index = 0; index < interactions; index++) {
    const contact = contacts[Math.floor(random() * contacts.length)]!;
    const threadIndex = Math.floor(index / perThread);
    const threadId = `gmail:thread-f:${1_000_000 + threadIndex}`;
    const at = now - Math.floor(random() * 700) * day;
    if (index % perThread === 0) {
      threads.push({
        id: threadId,
        host: 'gmail',
        idSource: 'app',
        subject: `Overleg ${threadIndex}`,
        snippet: 'Dank voor je bericht',
        contactIds: [contact.id],
        municipalityCode: contact.municipalityCode,
        firstMessageAt: at,
        lastMessageAt: at,
        lastMessageAtRaw: null,
        messageCount: perThread,
        updatedAt: now,
      });
    }
    messages.push({
      id: `gmail:msg-f:${2_000_000 + index}`,
      threadId,
      host: 'gmail',
      idSource: 'app',
      direction: index % 2 ? 'in' : 'out',
      fromAddress: index % 2 ? contact.addresses[0]! : 'sanne@buurtkracht.nl',
      fromName: contact.name,
      toAddresses: [index % 2 ? 'sanne@buurtkracht.nl' : contact.addresses[0]!],
      contactIds: [contact.id],
      at,
      atRaw: null,
      subject: 'Overleg',
      excerpt: 'Beste Sanne, dank voor je bericht. Ik kom er volgende week op terug.',
      updatedAt: now,
    });
  }
  await db.contacts.bulkPut(contacts);
  await db.latency.bulkPut(latency);
  await db.threads.bulkPut(threads);
  for (let offset = 0; offset < messages.length; offset += 10_000)
    await db.messages.bulkPut(messages.slice(offset, offset + 10_000));
  // what the background does after every change; timed, since it runs after each ingest burst
  const started = performance.now();
  await refreshSummaries(db, now);
  const summariesMs = Math.round(performance.now() - started);
  return {
    contacts: await db.contacts.count(),
    threads: await db.threads.count(),
    messages: await db.messages.count(),
    summariesMs,
  };
}

Object.assign(globalThis, { seedPopupStore });
