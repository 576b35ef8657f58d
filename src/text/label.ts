/**
 * A label and its text: "note: the demo …" in English, "提示：演示……" in Chinese. A label
 * that ends with full-width punctuation (：) already carries its space; another space
 * after it reads as a gap ("提示： 演示").
 */
const FULL_WIDTH_END = /[\u3000-\u303f\uff00-\uffef]$/u;

/** `label` (styled by `style`, measured unstyled) then `text`, with a space only where the label needs one. */
export function labelled(label: string, text: string, style: (s: string) => string = (x) => x): string {
  return `${style(label)}${FULL_WIDTH_END.test(label) ? "" : " "}${text}`;
}
