/**
 * A small subset of ICU MessageFormat, enough for the tutor's strings:
 *   {name}                         the argument as text
 *   {name, number}                 a number, grouped for the language (262,144)
 *   {name, plural, one {…} other {…} =0 {…}}   a plural choice; # is the number
 *   {name, select, a {…} other {…}}            a choice by value
 * A literal brace is written \{ or \}. Apostrophes are plain text (unlike ICU),
 * because English UI text is full of them.
 * (intl-messageformat does all of ICU, but measured here it adds ~15 ms to every
 * command's start-up for features these strings do not use.)
 */

export type ArgValue = string | number;

type Node = string | { arg: string; kind: "text" | "number" | "plural" | "select"; options?: Map<string, Node[]> };

export class MessageSyntaxError extends Error {
  constructor(message: string, readonly source: string) {
    super(`${message} in message: ${source}`);
    this.name = "MessageSyntaxError";
  }
}

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node[] {
    const nodes = this.nodes(false);
    if (this.i < this.src.length) this.fail(`unexpected '${this.src[this.i]}'`);
    return nodes;
  }

  private fail(why: string): never {
    throw new MessageSyntaxError(`${why} at ${this.i}`, this.src);
  }

  private nodes(inBranch: boolean): Node[] {
    const out: Node[] = [];
    let text = "";
    while (this.i < this.src.length) {
      const ch = this.src[this.i]!;
      if (ch === "\\" && (this.src[this.i + 1] === "{" || this.src[this.i + 1] === "}")) {
        text += this.src[this.i + 1];
        this.i += 2;
      } else if (ch === "{") {
        if (text) out.push(text);
        text = "";
        out.push(this.argument());
      } else if (ch === "}") {
        if (!inBranch) this.fail("unmatched '}'");
        break;
      } else {
        text += ch;
        this.i++;
      }
    }
    if (text) out.push(text);
    return out;
  }

  private word(): string {
    const m = /^\s*([=\w-]+)\s*/.exec(this.src.slice(this.i));
    if (!m) this.fail("expected a name");
    this.i += m[0].length;
    return m[1]!;
  }

  private argument(): Node {
    this.i++; // {
    const arg = this.word();
    if (this.src[this.i] === "}") {
      this.i++;
      return { arg, kind: "text" };
    }
    if (this.src[this.i] !== ",") this.fail("expected ',' or '}'");
    this.i++;
    const kind = this.word();
    if (kind === "number") {
      if (this.src[this.i] !== "}") this.fail("expected '}'");
      this.i++;
      return { arg, kind: "number" };
    }
    if (kind !== "plural" && kind !== "select") this.fail(`unknown argument type '${kind}'`);
    if (this.src[this.i] !== ",") this.fail("expected ','");
    this.i++;
    const options = new Map<string, Node[]>();
    for (;;) {
      const rest = this.src.slice(this.i);
      const close = /^\s*\}/.exec(rest);
      if (close) {
        this.i += close[0].length;
        break;
      }
      const key = this.word();
      if (this.src[this.i] !== "{") this.fail(`expected '{' after '${key}'`);
      this.i++;
      options.set(key, this.nodes(true));
      if (this.src[this.i] !== "}") this.fail("unclosed option");
      this.i++;
    }
    if (!options.has("other")) this.fail(`a ${kind} needs an 'other' option`);
    return { arg, kind, options };
  }
}

const cache = new Map<string, Node[]>();

export function parseMessage(src: string): Node[] {
  let nodes = cache.get(src);
  if (!nodes) {
    nodes = new Parser(src).parse();
    cache.set(src, nodes);
  }
  return nodes;
}

/** The argument names a message uses (for tests that compare languages). */
export function messageArguments(src: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: Node[]): void => {
    for (const n of nodes) {
      if (typeof n === "string") continue;
      names.add(n.arg);
      for (const branch of n.options?.values() ?? []) walk(branch);
    }
  };
  walk(parseMessage(src));
  return [...names].sort();
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function render(nodes: Node[], args: Record<string, ArgValue>, locale: string, hash: number | undefined): string {
  let out = "";
  for (const n of nodes) {
    if (typeof n === "string") {
      out += hash === undefined ? n : n.replace(/#/g, String(hash));
      continue;
    }
    const value = args[n.arg];
    if (value === undefined) {
      out += `{${n.arg}}`;
      continue;
    }
    switch (n.kind) {
      case "text":
        out += String(value);
        break;
      case "number": {
        let nf = numberFormats.get(locale);
        if (!nf) numberFormats.set(locale, (nf = new Intl.NumberFormat(locale)));
        out += typeof value === "number" ? nf.format(value) : value;
        break;
      }
      case "plural": {
        const num = Number(value);
        let pr = pluralRules.get(locale);
        if (!pr) pluralRules.set(locale, (pr = new Intl.PluralRules(locale)));
        const branch = n.options!.get(`=${num}`) ?? n.options!.get(pr.select(num)) ?? n.options!.get("other")!;
        out += render(branch, args, locale, num);
        break;
      }
      case "select":
        out += render(n.options!.get(String(value)) ?? n.options!.get("other")!, args, locale, hash);
        break;
    }
  }
  return out;
}

/** Fills in a message. A missing argument stays visible as {name} rather than vanishing. */
export function formatMessage(src: string, args: Record<string, ArgValue> = {}, locale = "en"): string {
  return render(parseMessage(src), args, locale, undefined);
}
