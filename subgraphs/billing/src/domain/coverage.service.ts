import { blindIndex, conflict, type Database, isUniqueViolation } from '@clinicflow/platform';
import type { Repository } from 'typeorm';
import { Coverage, MEMBER_ID_CONTEXT } from './coverage.entity';

export interface NewCoverage {
  patientId: string;
  payer: string;
  memberId: string;
}

/** A member id is unique per payer: the blind index finds and guards it without decrypting anything. */
const indexOf = (payer: string, memberId: string) =>
  blindIndex(`${payer.trim().toUpperCase()}|${memberId}`, MEMBER_ID_CONTEXT);

export class CoverageService {
  private readonly coverages: Repository<Coverage>;

  constructor(database: Database) {
    this.coverages = database.dataSource.getRepository(Coverage);
  }

  async add(coverage: NewCoverage): Promise<Coverage> {
    try {
      return await this.coverages.save(
        this.coverages.create({
          patientId: coverage.patientId,
          payer: coverage.payer.trim(),
          memberId: coverage.memberId.trim(),
          memberIdIndex: indexOf(coverage.payer, coverage.memberId),
        }),
      );
    } catch (error) {
      // The message names neither the member id nor the patient it is on file for.
      if (isUniqueViolation(error))
        throw conflict('This member id is already on file at this payer', { field: 'memberId' });
      throw error;
    }
  }

  /** The coverage a payer's member id belongs to, found by its blind index. */
  async byMemberId(payer: string, memberId: string): Promise<Coverage | null> {
    return this.coverages.findOneBy({ memberIdIndex: indexOf(payer, memberId) });
  }
}
