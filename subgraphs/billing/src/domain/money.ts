import { Field, Int, ObjectType } from 'type-graphql';

/** The clinic bills in one currency; a patient with nothing open owes zero of it. */
export const CLINIC_CURRENCY = 'USD';

@ObjectType({ description: 'An amount of money in one currency' })
export class Money {
  @Field(() => Int, { description: "The amount in the currency's minor unit (cents for USD)" })
  amountCents!: number;

  @Field({ description: 'ISO 4217 currency code, e.g. USD' })
  currency!: string;
}
