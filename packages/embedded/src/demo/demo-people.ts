/**
 * Fifty made-up patients: names from two short lists, phone numbers in the 555-0100 to 555-0199
 * range that North American numbering reserves for fiction, emails on the reserved example.org domain.
 */
const GIVEN = ['Amara', 'Ben', 'Chloe', 'Diego', 'Elif', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jun'];
const FAMILY = ['Okafor', 'Lindqvist', 'Moreau', 'Santos', 'Yilmaz'];

export interface DemoPatient {
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  gender: 'FEMALE' | 'MALE' | 'OTHER' | 'UNKNOWN';
  phone: string;
  email: string;
}

export function demoPatients(count = 50): DemoPatient[] {
  return Array.from({ length: count }, (_, index) => {
    const givenName = GIVEN[index % GIVEN.length] as string;
    const familyName = FAMILY[Math.floor(index / GIVEN.length) % FAMILY.length] as string;
    const number = String(index + 1).padStart(2, '0');
    return {
      mrn: `DEMO-${String(index + 1).padStart(4, '0')}`,
      givenName,
      familyName,
      birthDate: `${1950 + ((index * 7) % 60)}-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 27) + 1).padStart(2, '0')}`,
      gender: index % 2 === 0 ? 'FEMALE' : 'MALE',
      phone: `+1212555${String(100 + index).padStart(4, '0')}`,
      email: `${givenName.toLowerCase()}.${familyName.toLowerCase()}.${number}@example.org`,
    };
  });
}
