import { t } from '@/lib/i18n';
import { Fragment } from 'react';
import { Message } from './message';
import { losingTouchList } from '@/lib/read-models/popup';
import type { MunicipalitySummary } from '@/lib/store/schemas';
import { CallLogger } from './call-logger';
import { StatusPill } from './status-pill';

function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return t('durationAnd', { a: names.slice(0, -1).join(', '), b: names.at(-1)! });
}

/** "A (wethouder), B (ambtenaar) en C (raadslid)": each name isolated (it is mail text), the roles ours. */
function NamedList({ people }: { people: { name: string; role: string }[] }) {
  const item = (person: { name: string; role: string }) => (
    <>
      <bdi>{person.name}</bdi> ({person.role})
    </>
  );
  if (people.length <= 1) return people.length ? item(people[0]!) : null;
  return (
    <Message
      id="durationAnd"
      nodes={{
        a: people.slice(0, -1).map((person, index) => (
          <Fragment key={index}>
            {index > 0 && ', '}
            {item(person)}
          </Fragment>
        )),
        b: item(people.at(-1)!),
      }}
    />
  );
}

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
              <p className="advice">
                {advice.alternatives.length > 0 ? (
                  <Message
                    id="adviceOtherRoles"
                    nodes={{
                      names: (
                        <NamedList
                          people={advice.alternatives.slice(0, 3).map((other) => ({ name: other.name, role: t(`role_${other.role}`).toLowerCase() }))}
                        />
                      ),
                    }}
                  />
                ) : (
                  t('adviceOpenRoles', {
                    roles: joinNames(advice.rolesToOpen.map((role) => t(`role_${role}`).toLowerCase())),
                  })
                )}
              </p>
              <CallLogger contactId={contact.id} name={contact.name} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
