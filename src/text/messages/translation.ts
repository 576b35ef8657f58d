/**
 * The shape of one area of a translated catalog: the English area's keys, each
 * optional (a key not yet translated falls back to English, and the completeness
 * test names it), and no key English does not have (a typo fails `tsc`).
 */
export type Translation<T> = { readonly [K in keyof T]?: string };
