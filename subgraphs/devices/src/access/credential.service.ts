import {
  badUserInput,
  type Database,
  keysetPage,
  notFound,
  type Page,
  type PageArgs,
  type SortKey,
} from '@clinicflow/platform';
import { IsNull, type Repository } from 'typeorm';
import { ApiCredential, isUsable } from './api-credential.entity';
import type { ApiCredentialInput } from './credential.inputs';
import { CredentialKind } from './credential-kind';
import { apiKeyOf, hashSecret, newClientId, newSecret, secretMatches } from './credential-secret';
import type { IssuedCredential } from './issued-credential';

const NEWEST_FIRST: SortKey<ApiCredential>[] = [
  { column: 'credential.created_at', direction: 'DESC', type: 'timestamp', valueOf: (row) => row.createdAt },
  { column: 'credential.id', direction: 'DESC', type: 'uuid', valueOf: (row) => row.id },
];

/** Third-party apps' credentials: issued, listed, rotated and revoked by admins, verified for the gateway. */
export class CredentialService {
  private readonly credentials: Repository<ApiCredential>;

  constructor(database: Database) {
    this.credentials = database.dataSource.getRepository(ApiCredential);
  }

  async list(includeRevoked: boolean, page: PageArgs): Promise<Page<ApiCredential>> {
    const query = this.credentials.createQueryBuilder('credential');
    if (!includeRevoked) query.where('credential.revoked_at IS NULL');
    return keysetPage(query, NEWEST_FIRST, page);
  }

  async create(input: ApiCredentialInput, createdBy: string, now = new Date()): Promise<IssuedCredential> {
    if (input.expiresAt && input.expiresAt <= now) {
      throw badUserInput('expiresAt must be in the future', { field: 'expiresAt' });
    }
    const secret = newSecret();
    const credential = await this.credentials.save(
      this.credentials.create({
        name: input.name,
        kind: input.kind,
        role: input.role,
        scopes: [...new Set(input.scopes)],
        expiresAt: input.expiresAt ?? null,
        clientId: newClientId(input.kind),
        secretHash: hashSecret(secret),
        createdBy,
      }),
    );
    return { credential, secret: this.presented(credential, secret) };
  }

  /** A new secret for the same credential; the old one stops working at once. Revoked ones stay revoked. */
  async rotate(id: string): Promise<IssuedCredential> {
    const secret = newSecret();
    const { affected } = await this.credentials.update(
      { id, revokedAt: IsNull() },
      { secretHash: hashSecret(secret), rotatedAt: new Date() },
    );
    if (!affected) throw notFound('Active credential', id);
    const credential = await this.credentials.findOneByOrFail({ id });
    return { credential, secret: this.presented(credential, secret) };
  }

  /** Revoking twice keeps the first time. */
  async revoke(id: string): Promise<ApiCredential> {
    await this.credentials.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    const credential = await this.credentials.findOneBy({ id });
    if (!credential) throw notFound('Credential', id);
    return credential;
  }

  /**
   * The usable credential of this client id and kind, when the secret matches it (or, with no secret,
   * for a token issued earlier: only whether it is still usable). Null otherwise, whatever the reason.
   */
  async verify(kind: CredentialKind, clientId: string, secret: string | null): Promise<ApiCredential | null> {
    const credential = await this.credentials.findOneBy({ clientId, kind });
    if (!credential || !isUsable(credential)) return null;
    if (secret !== null && !secretMatches(secret, credential.secretHash)) return null;
    return credential;
  }

  private presented(credential: ApiCredential, secret: string): string {
    return credential.kind === CredentialKind.API_KEY ? apiKeyOf(credential.clientId, secret) : secret;
  }
}
