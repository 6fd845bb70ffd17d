import type { ReactNode } from 'react';
import { Message } from '../message';
import { t } from '@/lib/i18n';
import { isPersonalMailDomain } from '@/lib/data';
import type { Contact, Tag } from '@/lib/store/schemas';
import { domainOf } from '@/lib/store/tags';
import { StatusLine, useAction } from './panel-actions';

/**
 * Whether a person is followed as a stakeholder, the user's say over the rules: follow a colleague
 * or an automatic sender after all (one address, or everyone at a colleague's domain), stop
 * following someone, and undo either. The background links or unlinks their stored mail.
 */
export function FollowControl({ contact, followedByCorrection = null }: { contact: Contact; followedByCorrection?: Tag | null }) {
  const { busy, status, run } = useAction();
  const address = contact.addresses[0];
  if (!address || contact.kind === 'self') return null;
  const domain = domainOf(address);
  const correct = (scope: 'address' | 'domain', value: 'stakeholder' | 'ignored') =>
    void run(
      { type: 'correct-tag', correction: { contactId: contact.id, address, scope, dimension: 'kind', value } },
      t(value === 'stakeholder' ? 'panelFollowSaved' : 'panelUnfollowSaved'),
    );
  const undo = (subjectType: 'address' | 'domain', subjectId: string, text: string) =>
    void run({ type: 'remove-correction', correction: { subjectType, subjectId, dimension: 'kind' } }, text);

  let controls: ReactNode;
  if (contact.kind === 'stakeholder') {
    controls =
      followedByCorrection && followedByCorrection.subjectType !== 'contact' ? (
        <p>
          <Message id="panelFollowedByYou" values={{ scope: followedByCorrection.subjectId }} />{' '}
          <button
            type="button"
            className="link-button"
            disabled={busy}
            onClick={() =>
              undo(
                followedByCorrection.subjectType as 'address' | 'domain',
                followedByCorrection.subjectId,
                t('panelUnfollowSaved'),
              )
            }
          >
            {t('panelUndo')}
          </button>
        </p>
      ) : (
        <button type="button" disabled={busy} onClick={() => correct('address', 'ignored')}>
          {t('panelUnfollow')}
        </button>
      );
  } else if (contact.kind === 'ignored') {
    controls = (
      <button type="button" disabled={busy} onClick={() => undo('address', address, t('panelFollowSaved'))}>
        {t('panelFollowAgain')}
      </button>
    );
  } else {
    controls = (
      <>
        <button type="button" disabled={busy} onClick={() => correct('address', 'stakeholder')}>
          {t('panelFollow')}
        </button>
        {contact.kind === 'colleague' && !isPersonalMailDomain(domain) && (
          <button type="button" disabled={busy} onClick={() => correct('domain', 'stakeholder')}>
            {t('panelFollowDomain', { domain })}
          </button>
        )}
      </>
    );
  }
  return (
    <div className="follow-control">
      <div className="participant__actions">{controls}</div>
      <StatusLine status={status} />
    </div>
  );
}
