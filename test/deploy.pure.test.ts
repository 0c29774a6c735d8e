import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Issue 15 item 5: the systemd unit and the nginx site that docs/operations.md gives are checked
 * by the tools an operator's platform uses (`.ci/run` installs Debian's nginx-light for this).
 */
const operations = fs.readFileSync("docs/operations.md", "utf8");

describe("deployment files", () => {
  it("the systemd unit passes systemd-analyze verify without a warning", () => {
    expect(operations).toContain("deploy/kansli.service");
    const run = spawnSync("systemd-analyze", ["verify", path.resolve("deploy/kansli.service")], {
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const unit = fs.readFileSync("deploy/kansli.service", "utf8");
    expect(unit).toMatch(/^ExecStart=.*bin\/kansli\.js serve$/m);
  });

  it("the nginx site passes nginx -t, and forwards what kansli needs to trust the proxy", () => {
    expect(operations).toContain("deploy/nginx-kansli.conf");
    const site = fs.readFileSync("deploy/nginx-kansli.conf", "utf8");
    expect(site).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    expect(site).toContain("proxy_set_header X-Forwarded-Proto $scheme;");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-nginx-"));
    try {
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "1",
          "-subj",
          "/CN=kansli.example.se",
          "-keyout",
          path.join(dir, "k.key"),
          "-out",
          path.join(dir, "c.pem"),
        ],
        { stdio: "ignore" },
      );
      fs.writeFileSync(
        path.join(dir, "site.conf"),
        site
          .replace("/etc/ssl/certs/kansli.example.se.pem", path.join(dir, "c.pem"))
          .replace("/etc/ssl/private/kansli.example.se.key", path.join(dir, "k.key")),
      );
      fs.writeFileSync(
        path.join(dir, "nginx.conf"),
        `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${dir};\n  proxy_temp_path ${dir};\n  include ${dir}/site.conf;\n}\n`,
      );
      const run = spawnSync("nginx", ["-t", "-c", path.join(dir, "nginx.conf"), "-p", dir], {
        encoding: "utf8",
      });
      expect(run.stderr).toContain("test is successful");
      expect(run.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
