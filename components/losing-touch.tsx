import { t } from '@/lib/i18n';
import { losingTouchList } from '@/lib/read-models/popup';
import type { MunicipalitySummary } from '@/lib/store/schemas';
import { AdviceLine } from './advice';
import { CallLogger } from './call-logger';
import { StatusPill } from './status-pill';

/**
 * The contacts that keep the user waiting longest, with advice rather than blame: when one
 * person stays silent, name who does answer in another role of the same municipality.
 */
export function LosingTouch({ municipalities }: { municipalities: MunicipalitySummary[] }) {
  const items = losingTouchList(municipalities);
  return (
    <section className="losing-touch" aria-labelledby="losing-touch-title">
      <h2 id="losing-touch-title">{t('losingTouchTitle')}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('losingTouchEmpty')}</p>
      ) : (
        <ul>
          {items.map(({ contact, municipality, advice }) => (
            <li key={contact.id} className="losing-touch__item" data-contact-id={contact.id}>
              <div>
                <span className="contact__name" dir="auto">
                  {contact.name}
                </span>{' '}
                <span className="muted">
                  {t(`role_${contact.role}`)}, {municipality.name}
                </span>
              </div>
              <StatusPill latency={contact.latency} />
              <AdviceLine alternatives={advice.alternatives.slice(0, 3)} rolesToOpen={advice.rolesToOpen} />
              <CallLogger contactId={contact.id} name={contact.name} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
