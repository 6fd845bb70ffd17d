import { formatRelativeDay, t } from '@/lib/i18n';
import type { MunicipalitySummary } from '@/lib/store/queries';
import { RoleStrip } from './role-strip';

function countLabel(count: number, one: 'contactsCountOne' | 'threadsCountOne', many: 'contactsCount' | 'threadsCount') {
  return count === 1 ? t(one) : t(many, { count });
}

/** One municipality: the summary line, and on opening its contacts (with role) and threads. */
function MunicipalityItem({ summary, now }: { summary: MunicipalitySummary; now: number }) {
  const headingId = `m-${summary.code}`;
  return (
    <li className="municipality" data-code={summary.code}>
      <details>
        <summary aria-describedby={`${headingId}-meta`}>
          <span className="municipality__name" id={headingId}>
            {summary.name}
          </span>{' '}
          <span className="municipality__province">{summary.province}</span>
          <span className="municipality__meta" id={`${headingId}-meta`}>
            {countLabel(summary.contacts.length, 'contactsCountOne', 'contactsCount')} ·{' '}
            {countLabel(summary.threads.length, 'threadsCountOne', 'threadsCount')} ·{' '}
            {summary.lastActivityAt != null
              ? t('lastActivity', { when: formatRelativeDay(summary.lastActivityAt, now) })
              : t('lastActivityUnknown')}
          </span>
          <RoleStrip present={summary.roles} />
        </summary>
        <div className="municipality__detail">
          <h3>{t('contacts')}</h3>
          <ul className="contact-list">
            {summary.contacts.map((contact) => (
              <li key={contact.id} className="contact" data-contact-id={contact.id}>
                <span className="contact__name">{contact.name}</span>{' '}
                <span className="contact__role" data-role={contact.role}>
                  {t(`role_${contact.role}`)}
                </span>
                <span className="contact__address">{contact.addresses.join(', ')}</span>
                {contact.roleEvidence.length + contact.municipalityEvidence.length > 0 && (
                  <span className="contact__evidence">
                    {t('evidence', {
                      evidence: [...contact.municipalityEvidence, ...contact.roleEvidence].join('; '),
                    })}
                  </span>
                )}
              </li>
            ))}
          </ul>
          <h3>{t('threads')}</h3>
          <ul className="thread-list">
            {summary.threads.map((thread) => (
              <li key={thread.id} className="thread" data-thread-id={thread.id}>
                <span className="thread__subject">{thread.subject || t('noSubject')}</span>
                {thread.lastMessageAt != null && (
                  <span className="thread__when">{formatRelativeDay(thread.lastMessageAt, now)}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      </details>
    </li>
  );
}

export function MunicipalityList({ municipalities, now }: { municipalities: MunicipalitySummary[]; now: number }) {
  return (
    <ul className="municipality-list" aria-label={t('popupTitle')}>
      {municipalities.map((summary) => (
        <MunicipalityItem key={summary.code} summary={summary} now={now} />
      ))}
    </ul>
  );
}
