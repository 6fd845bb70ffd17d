/** The classifiers: pure functions of what a reader saw plus the bundled municipality data. */
export { classifyMunicipality, classifyThreadMunicipality, findMunicipalityMentions } from './municipality';
export type { MentionSource } from './municipality';
export { classifyRole } from './role';
export { MENTION_CONFIDENCE, nameMatches, namensMentions, salutationMentions, subjectMentions } from './mentions';
export type { MentionMail, MentionPerson, RoleMention, WorksForMention } from './mentions';
export { classifyStakeholder } from './stakeholder';
export type { StakeholderTags } from './stakeholder';
export type { RoleContext } from './role';
export { canonicalAddress, classifyContactKind } from './contact-kind';
export type { ContactKindResult } from './contact-kind';
export { classifyOrganisation, organisationKindFromText, readDomainLabel } from './organisation';
export type { DomainLabelReading } from './organisation';
export type { ContactKind, OrganisationGuess, PersonSignals, RoleId, TagResult } from './types';
export { classifyIntent, MAIL_INTENTS } from './intent';
export type { IntentOptions, IntentResult, MailIntent } from './intent';
