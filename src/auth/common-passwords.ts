import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

/** The 100,000 most common passwords of SecLists (see password-lists/README.md for source and licence). */
export const COMMON_PASSWORDS_FILE = new URL("./password-lists/common-passwords.txt.gz", import.meta.url);

/** Swedish and city-specific passwords that attackers here try first, which the list lacks. */
const SWEDISH_ADDITIONS = [
  "123456789012345",
  "1234567890123456",
  "aaaaaaaaaaaaaaa",
  "administrator1",
  "administratoradmin",
  "asdfghjklöä",
  "correcthorsebatterystaple",
  "fotboll",
  "göteborg",
  "hemlig",
  "hösten",
  "iloveyouiloveyou",
  "kansli",
  "kommun",
  "kommunen",
  "letmeinletmein",
  "login",
  "losenord123",
  "lösenord",
  "lösenord123",
  "malmö",
  "mypasswordismypassword",
  "password1234567",
  "passwordpassword1",
  "qwertyuiopå",
  "stadshuset",
  "stockholm123",
  "thequickbrownfox",
  "thisismypassword",
  "valkommen",
  "välkommen",
  "våren",
];

export const readCommonPasswordsFile = (): string[] =>
  gunzipSync(readFileSync(COMMON_PASSWORDS_FILE)).toString("utf8").split("\n").filter(Boolean);

let loaded: ReadonlySet<string> | null = null;

/**
 * The shipped list and the Swedish additions, lower-cased (passwords are compared
 * case-insensitively). Read once, on first use: only setting a password needs it.
 */
export function commonPasswords(): ReadonlySet<string> {
  loaded ??= new Set([...readCommonPasswordsFile(), ...SWEDISH_ADDITIONS].map((p) => p.toLowerCase()));
  return loaded;
}
