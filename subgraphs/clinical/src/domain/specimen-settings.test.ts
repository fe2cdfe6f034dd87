import { SpecimenKind } from './specimen-collection.entity';
import { specimenMinutesOf } from './specimen-settings';

describe('specimen collection settings', () => {
  it('gives each kind its minutes, and the default to the others', () => {
    const minutesOf = specimenMinutesOf({
      SPECIMEN_COLLECTION_MINUTES: 'BLOOD:8,URINE:3',
      SPECIMEN_COLLECTION_DEFAULT_MINUTES: '6',
    });
    expect([SpecimenKind.BLOOD, SpecimenKind.URINE, SpecimenKind.SWAB].map(minutesOf)).toEqual([8, 3, 6]);
    expect(specimenMinutesOf({})(SpecimenKind.BLOOD)).toBe(5);
  });

  it.each([
    ['SPECIMEN_COLLECTION_MINUTES', 'HAIR:5', /SPECIMEN_COLLECTION_MINUTES: must be KIND:MINUTES pairs/],
    [
      'SPECIMEN_COLLECTION_MINUTES',
      'BLOOD:0',
      /SPECIMEN_COLLECTION_MINUTES: minutes must be whole numbers from 1 to 240/,
    ],
    ['SPECIMEN_COLLECTION_MINUTES', 'BLOOD:300', /SPECIMEN_COLLECTION_MINUTES: minutes must be whole numbers/],
    ['SPECIMEN_COLLECTION_DEFAULT_MINUTES', 'ten', /SPECIMEN_COLLECTION_DEFAULT_MINUTES/],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    expect(() => specimenMinutesOf({ [name]: value })).toThrow(message);
  });
});
