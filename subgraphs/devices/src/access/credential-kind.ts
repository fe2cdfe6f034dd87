import { registerEnumType } from 'type-graphql';

export enum CredentialKind {
  CLIENT_CREDENTIALS = 'client_credentials',
  API_KEY = 'api_key',
}
registerEnumType(CredentialKind, {
  name: 'CredentialKind',
  description: 'How a third-party app presents its credential to the gateway',
  valuesConfig: {
    CLIENT_CREDENTIALS: {
      description: 'An OAuth 2.0 client: client id and secret exchanged at POST /oauth/token for short-lived tokens',
    },
    API_KEY: { description: 'A key sent with every request, as `Authorization: ApiKey <key>` or `X-API-Key`' },
  },
});

/**
 * The roles an app may act in: staff roles. Its scopes then narrow what the role allows, so an admin app
 * reaches only the admin fields that name one of its scopes (webhook management).
 */
export enum AppRole {
  RECEPTION = 'reception',
  CLINICIAN = 'clinician',
  BILLING = 'billing',
  ADMIN = 'admin',
}
registerEnumType(AppRole, {
  name: 'AppRole',
  description: 'The staff role an app acts in; its scopes narrow it further',
  valuesConfig: {
    RECEPTION: { description: 'Front desk: check-in, appointments, patient details' },
    CLINICIAN: { description: 'Clinical staff' },
    BILLING: { description: 'Billing staff' },
    ADMIN: { description: "Administration: only where a field names the app's scope, such as webhooks:manage" },
  },
});
