import quickData from '../data/quick.json';
import studio80Data from '../data/studio-80.json';
import { questionSetSchema, type QuestionSet } from './question';

/** The sets that ship with the app, checked against the schema when first read. */
export const BUILT_IN_SETS: readonly QuestionSet[] = [quickData, studio80Data].map((data) => questionSetSchema.parse(data));

export function findBuiltInSet(id: string): QuestionSet | undefined {
  return BUILT_IN_SETS.find((set) => set.id === id);
}
