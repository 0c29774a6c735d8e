import { spawn } from "node:child_process";

/** Which of a set of words are Swedish words (or the organisation's own names). */
export interface Lexicon {
  /** The words of `words` that are valid, as given (case kept). */
  valid(words: readonly string[]): Promise<Set<string>>;
}

const HUNSPELL_TIMEOUT_MS = 20_000;

/**
 * Debian's hunspell with the sv_SE dictionary, run once per batch (`-l` lists the words it does
 * not know): ~140 ms a call here, dictionary loading included, whatever the batch size, so the
 * repair asks twice per document (its words, then all candidate spellings at once). nspell was
 * not used: with dictionary-sv it accepts every string (its compound rules), see stack.md.
 */
export function hunspellLexicon(extraWords: readonly string[] = []): Lexicon {
  const extra = new Set(extraWords.map((w) => w.toLowerCase()));
  return {
    async valid(words) {
      const unique = [...new Set(words)].filter((w) => w !== "");
      const ours = unique.filter((w) => extra.has(w.toLowerCase()));
      const asked = unique.filter((w) => !extra.has(w.toLowerCase()) && /^[\p{L}-]+$/u.test(w));
      const unknown = asked.length > 0 ? await hunspellUnknown(asked) : new Set<string>();
      return new Set([...ours, ...asked.filter((w) => !unknown.has(w))]);
    },
  };
}

function hunspellUnknown(words: string[]): Promise<Set<string>> {
  return new Promise((resolve, reject) => {
    const child = spawn("hunspell", ["-d", "sv_SE", "-i", "utf-8", "-l"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const timer = setTimeout(() => child.kill(), HUNSPELL_TIMEOUT_MS);
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`hunspell exited with ${code}`));
      resolve(new Set(Buffer.concat(out).toString("utf8").split("\n").filter(Boolean)));
    });
    child.stdin.end(`${words.join("\n")}\n`);
  });
}

/** The words of the organisation's unit names, so "Rinkeby-Kista" or "Stadshus" count as words. */
export function unitNameWords(names: readonly string[]): string[] {
  return [...new Set(names.flatMap((n) => n.split(/[\s,()]+/)).flatMap((w) => [w, ...w.split("-")]))].filter(
    (w) => /\p{L}{2}/u.test(w),
  );
}
