/** One line per changed thing, as the person reads it: "Due is now Tue 8 Dec 2026". */
export interface ChangeLine {
  field: string;
  text: string;
}

/** The fields that differ between what the pane showed and what is stored now. */
export function differingFields<T extends object>(seen: T, current: T, fields: readonly (keyof T & string)[]): string[] {
  return fields.filter((f) => JSON.stringify(seen[f]) !== JSON.stringify(current[f]));
}
