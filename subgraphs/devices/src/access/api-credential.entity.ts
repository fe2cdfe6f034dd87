import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AppRole, CredentialKind } from './credential-kind';

/** A third-party app's credential. Only the hash of its secret is kept; the secret is shown once. */
@ObjectType({ description: "A third-party app's credential: an OAuth client or an API key. Never holds the secret" })
@Entity({ name: 'api_credential' })
export class ApiCredential {
  @Field(() => ID, { description: 'Stable ClinicFlow identifier' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'What the app is, as the admin named it' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => CredentialKind, { description: 'OAuth client credentials or an API key' })
  @Column({ type: 'text' })
  kind!: CredentialKind;

  @Field({ description: "The public identifier: the OAuth client_id, or an API key's first part (before the dot)" })
  @Column({ name: 'client_id', type: 'text', unique: true })
  clientId!: string;

  /** SHA-256 of the secret (credential-secret.ts). */
  @Column({ name: 'secret_hash', type: 'bytea' })
  secretHash!: Buffer;

  @Field(() => AppRole, { description: 'The staff role the app acts in' })
  @Column({ type: 'text' })
  role!: AppRole;

  @Field(() => [String], { description: 'What the app may reach, such as queue:read; at least one' })
  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Field(() => Date, { nullable: true, description: 'When the credential stops working; never when null' })
  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When an admin revoked it; it works no more' })
  @Column({ name: 'revoked_at', type: 'timestamptz', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When its secret was last replaced; the old one stopped working then',
  })
  @Column({ name: 'rotated_at', type: 'timestamptz', precision: 3, nullable: true })
  rotatedAt!: Date | null;

  @Field({ description: 'Who created it (the admin token subject)' })
  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Field({ description: 'When it was created' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** Neither revoked nor expired at `now`. */
export const isUsable = (credential: ApiCredential, now = new Date()): boolean =>
  !credential.revokedAt && (!credential.expiresAt || credential.expiresAt > now);
