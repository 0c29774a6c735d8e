/**
 * `npm run demo:mailbox`: the demo with a registry mailbox, to see answers by e-mail arrive
 * (issue 22). Starts Debian's dovecot (`dovecot-imapd`) on 127.0.0.1 as the tests do, starts
 * `kansli start` reading it every few seconds, then e-mails into it, as a body would, a Word answer
 * to a demo consultation that is out, and a message kansli cannot match. The answer shows up on
 * the round's status board and the other waits at /post (sign in as registrator). Ctrl-C stops both.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { makeDocx } from "../test/helpers/documents.ts";
import { composeMail, startImapServer } from "../test/helpers/imap.ts";

const port = process.env.PORT ?? "3000";
const dataDir = path.resolve(process.env.KANSLI_DATA_DIR ?? "./data");
const ANSWER_MAILBOX = "remissvar@stockholm.example";

const imap = await startImapServer();
const server = spawn(process.execPath, ["bin/kansli.js", "start"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PORT: port,
    KANSLI_DATA_DIR: dataDir,
    KANSLI_IMAP_URL: imap.url,
    KANSLI_IMAP_PASSWORD: imap.password,
    KANSLI_IMAP_POLL_SECONDS: "5",
    KANSLI_ANSWER_MAILBOX: ANSWER_MAILBOX,
  },
});
const stop = async () => {
  server.kill("SIGTERM");
  await imap.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", async (code) => {
  await imap.stop();
  process.exit(code ?? 1);
});

await waitUntilReady(`http://127.0.0.1:${port}/readyz`);
const body = bodyAwaitingAnswer();
if (!body) {
  console.log("demo:mailbox: no demo consultation is out with a body that has an e-mail address");
} else {
  await imap.deliver(
    await composeMail({
      from: `${body.name} <${body.address}>`,
      subject: `Remissvar ${body.diaryNumber}`,
      text: "Hej, här kommer vårt remissvar som Word-fil.",
      attachments: [
        { filename: "remissvar.docx", content: await makeDocx([`Remissvar från ${body.name}.`]) },
      ],
    }),
  );
  await imap.deliver(
    await composeMail({
      from: "okand@example.org",
      subject: "Fråga om remissen",
      text: "Hej! När är sista dag?",
    }),
  );
  console.log(
    `demo:mailbox: e-mailed ${ANSWER_MAILBOX} an answer from ${body.name} <${body.address}> to ${body.diaryNumber}` +
      ` (see http://127.0.0.1:${port}/remisser/${body.consultationId}) and a message to file by hand` +
      ` (http://127.0.0.1:${port}/post, as registrator). Ctrl-C stops.`,
  );
}

async function waitUntilReady(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer ready`);
}

/**
 * A body of a demo round that is out and has not answered, with an address it writes from, and
 * in no other round out in the same case (a body of two would wait for the registrar to choose).
 */
function bodyAwaitingAnswer() {
  const db = new Database(path.join(dataDir, "kansli.sqlite"), { readonly: true, fileMustExist: true });
  try {
    const bodies = db
      .prepare(
        `select k.id as consultationId, c.diary_number as diaryNumber, r.answered_on as answeredOn,
                coalesce(u.name, r.external_name) as name,
                coalesce(r.external_email, u.functional_mailbox, u.email) as address
           from consultation_recipients r
           join consultations k on k.id = r.consultation_id
           join cases c on c.id = k.case_id
           left join units u on u.id = r.unit_id
          where k.status = 'sent' and r.state = 'sent'
            and coalesce(r.external_email, u.functional_mailbox, u.email) is not null
          order by k.id, r.id`,
      )
      .all() as {
      consultationId: string;
      diaryNumber: string;
      answeredOn: string | null;
      name: string;
      address: string;
    }[];
    const rounds = (b: (typeof bodies)[number]) =>
      bodies.filter((o) => o.diaryNumber === b.diaryNumber && o.address === b.address).length;
    return bodies.find((b) => b.answeredOn === null && rounds(b) === 1);
  } finally {
    db.close();
  }
}
