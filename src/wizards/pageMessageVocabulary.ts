// The fixed lists and limits the page messages are made of, with no imports: the schemas in pageMessageSchemas.ts
// check against them, the pages use them without loading valibot, and the modules whose types are inferred from
// those schemas take them from here, so every wizard file imports the schemas one way only.

/** The longest error report a page may send (the page cuts its own reports to this). */
export const MAX_PAGE_ERROR_LENGTH = 2000;

/** The Add / Edit Failover Relationship wizard's steps, in order. */
export const RELATIONSHIP_STEPS = ['general', 'mode', 'advanced', 'summary'] as const;
export type RelationshipStep = (typeof RELATIONSHIP_STEPS)[number];

/** The fields of that wizard that can show a message, the primary server and the shared secret included. */
export const RELATIONSHIP_WIZARD_FIELDS = ['name', 'primary', 'partner', 'failoverMode', 'percentage', 'mclt', 'safePeriod', 'sharedSecret'] as const;
export type RelationshipWizardField = (typeof RELATIONSHIP_WIZARD_FIELDS)[number];
