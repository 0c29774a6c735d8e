import { asUpload } from "./docx.ts";

/**
 * The API request that registers an incoming letter with its .docx in a case: the
 * registration the benchmark and the soak send. `n` makes the description and the file its own.
 */
export function registrationRequest(caseId: string, token: string, letter: Buffer, n: number) {
  const boundary = "----kansli-bench";
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = Buffer.concat([
    Buffer.from(
      field("direction", "incoming") +
        field("party", "Oslo kommune") +
        field("description", `Skrivelse ${n} om samarbete kring klimatanpassning`) +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="skrivelse-${n}.docx"\r\n` +
        "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n",
    ),
    asUpload(letter, n),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return {
    method: "POST" as const,
    path: `/api/v1/cases/${caseId}/documents`,
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
    body,
  };
}
