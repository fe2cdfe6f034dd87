import { Role } from '@clinicflow/platform';

/**
 * Who may do what with money. A patient reads only their own invoices and balance; that is checked
 * per record (assertOwnPatient) where the patient is known. Clinicians see a visit's payment status
 * (STAFF), not amounts; displays see nothing from billing.
 */
export const INVOICE_READERS: Role[] = [Role.Billing, Role.Reception, Role.Admin, Role.Patient];

/** The desks that raise invoices. */
export const INVOICE_ISSUERS: Role[] = [Role.Billing, Role.Reception, Role.Admin];

/** Settling (paid or void) is the billing office's call. */
export const INVOICE_SETTLERS: Role[] = [Role.Billing, Role.Admin];

/** Insurance details: the desks that bill, and the patient for their own. */
export const COVERAGE_READERS: Role[] = [Role.Billing, Role.Reception, Role.Admin, Role.Patient];

/** Looking a member id up across patients (a payer's remittance names only the member) is the billing office's. */
export const COVERAGE_SEARCHERS: Role[] = [Role.Billing, Role.Admin];
