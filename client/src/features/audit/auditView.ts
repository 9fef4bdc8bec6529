import { formatMoney } from '@commonweal/shared';
import { useTranslation } from 'react-i18next';
import { en } from './messages';

/** The audited tables (the server's `AUDITED` list), in the order of the filter. */
export const AUDITED_ENTITIES = Object.keys(en.entities) as ReadonlyArray<keyof typeof en.entities>;
export const AUDIT_ACTIONS = Object.keys(en.actions) as ReadonlyArray<keyof typeof en.actions>;

export function isAuditedEntity(value: string): value is (typeof AUDITED_ENTITIES)[number] {
  return (AUDITED_ENTITIES as readonly string[]).includes(value);
}

export function isAuditAction(value: string): value is (typeof AUDIT_ACTIONS)[number] {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** Records that have a page of their own, by table. */
const PAGES: Readonly<Record<string, string>> = {
  proposals: '/proposals',
  campaigns: '/campaigns',
  surveys: '/surveys',
  meetings: '/meetings',
  organizations: '/organizations',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The page of the changed record, when it has one (a deleted record's page says it does not exist). */
export function recordPath(entity: string, entityId: string): string | null {
  const base = PAGES[entity];
  return base && UUID.test(entityId) ? `${base}/${entityId}` : null;
}

/**
 * Message groups that name a column's coded values (statuses, kinds, roles), by table and column. Values
 * outside them are shown as they are stored.
 */
type ValueGroup =
  | 'proposalStatus'
  | 'needStatus'
  | 'bidStatus'
  | 'sponsorshipStatus'
  | 'sponsorshipKind'
  | 'partnershipStatus'
  | 'partnershipKind'
  | 'campaignStatus'
  | 'disbursementStatus'
  | 'ledgerKind'
  | 'ledgerDirection'
  | 'organizationType'
  | 'categories'
  | 'roles'
  | 'surveys.status'
  | 'surveys.kind'
  | 'meetings.status'
  | 'meetings.kind'
  | 'participation.feedback.status';

const VALUE_GROUPS: Readonly<Record<string, Readonly<Record<string, ValueGroup>>>> = {
  proposals: { status: 'proposalStatus', category: 'categories' },
  needs: { status: 'needStatus', category: 'categories' },
  bids: { status: 'bidStatus' },
  sponsorships: { status: 'sponsorshipStatus', kind: 'sponsorshipKind' },
  partnerships: { status: 'partnershipStatus', kind: 'partnershipKind' },
  campaigns: { status: 'campaignStatus' },
  disbursements: { status: 'disbursementStatus' },
  ledger_entries: { kind: 'ledgerKind', direction: 'ledgerDirection' },
  organizations: { type: 'organizationType' },
  users: { role: 'roles' },
  memberships: { role: 'roles' },
  surveys: { status: 'surveys.status' },
  survey_questions: { kind: 'surveys.kind' },
  meetings: { status: 'meetings.status', kind: 'meetings.kind' },
  feedback: { status: 'participation.feedback.status' },
  feedback_responses: { status: 'participation.feedback.status' },
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** How a stored value is kept in data attributes: strings as they are, everything else as JSON. */
export function rawValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/** Labels for audit entries in the reader's language. */
export function useAuditLabels() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const lookup = (group: object, key: string): string | null => {
    const value: unknown = Object.hasOwn(group, key) ? (group as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' ? value : null;
  };
  const entities = t('audit.entities', { returnObjects: true });
  const actions = t('audit.actions', { returnObjects: true });
  const fields = t('audit.fields', { returnObjects: true });
  const roles = t('roles', { returnObjects: true });

  return {
    entity: (entity: string): string => lookup(entities, entity) ?? entity,
    action: (action: string): string => lookup(actions, action) ?? action,
    /** A column's name, or null when there is no translation (the caller shows the column as code). */
    field: (field: string): string | null => lookup(fields, field),
    role: (role: string): string => lookup(roles, role) ?? role,
    time: (iso: string): string =>
      new Intl.DateTimeFormat(language, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }).format(new Date(iso)),
    /** A stored value in words: coded values translated, times, dates and money formatted per locale. */
    value: (entity: string, field: string, value: unknown, row: Record<string, unknown> | null): string => {
      if (value === null || value === undefined) return t('audit.emptyValue');
      if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
      if (field.endsWith('_minor') && (typeof value === 'number' || typeof value === 'string')) {
        const currency = typeof row?.['currency'] === 'string' ? row['currency'] : 'CNY';
        try {
          return formatMoney(value, currency);
        } catch {
          return String(value);
        }
      }
      if (typeof value === 'string') {
        const group = VALUE_GROUPS[entity]?.[field];
        const label = group ? lookup(t(group, { returnObjects: true }), value) : null;
        if (label) return label;
        if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) {
          return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
        }
        if (ISO_DATE.test(value)) {
          return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(`${value}T00:00:00`));
        }
        return value;
      }
      if (typeof value === 'number') return new Intl.NumberFormat(language).format(value);
      return JSON.stringify(value);
    },
  };
}

export type AuditLabels = ReturnType<typeof useAuditLabels>;

/** The columns an entry shows: the changed ones of an update, the non-empty ones of an insert or delete. */
export function shownFields(entry: {
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  changedFields: readonly string[];
}): string[] {
  if (entry.action === 'update') return [...entry.changedFields];
  const row = (entry.action === 'delete' ? entry.before : entry.after) ?? {};
  return Object.keys(row).filter((k) => k !== 'id' && k !== 'updated_at' && row[k] !== null && row[k] !== '');
}
