// The talent pool in a real headless Chromium (issue #5): a recruiter opens "Import candidates",
// uploads a small JSON Resume NDJSON set (examples/candidates/pool-small.ndjson), reads the
// per-record report, opens a senior Go payments role (set up through the API, as a script would),
// finds the profile designed to fit it best at the top of its matches, shortlists it and sees it
// on the board. A second upload of the same file changes nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  cli,
  launchBrowser,
  loggedIn,
  root,
  screenshotter,
  startHireloop,
  watchProblems,
} from "./harness.mjs";

const recruiter = { email: "rita@pool.test", name: "Rita Recruiter", role: "recruiter", password: "rita password for the pool" };
const POOL = resolve(root, "examples/candidates/pool-small.ndjson");
// Seven years of Go on payments, PostgreSQL, Kafka, REST, system design, Kubernetes, in Serbia.
const BEST = "Jovana Marković";

let hireloop;
let browser;
let roleId;
let title;
const shot = screenshotter("pool");
const problems = [];
const step = { name: "" };

before(async () => {
  hireloop = await startHireloop([recruiter]);
  const printed = cli(hireloop.databaseUrl, ["token", "create", "--user", recruiter.email, "--name", "e2e setup"]);
  const token = printed.match(/hl_\S+/)?.[0];
  assert.ok(token, `no token in:\n${printed}`);
  const api = async (method, path, body, contentType) => {
    const response = await fetch(`${hireloop.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": contentType },
      body,
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text);
  };
  const role = await api(
    "POST",
    "/api/v1/roles",
    JSON.stringify({ title: "Go payments", level: "senior", primary_language: "Go" }),
    "application/json",
  );
  const scorecard = readFileSync(resolve(root, "examples/roles/senior-go-payments.toml"), "utf8");
  const saved = await api("PUT", `/api/v1/roles/${role.id}/scorecard`, scorecard, "application/toml");
  roleId = role.id;
  title = saved.title ?? "Senior Go Engineer, Payments API (Remote)";
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await hireloop?.stop();
});

test("a recruiter imports a talent pool and shortlists the best match", async (t) => {
  const page = await loggedIn(browser, hireloop.base, recruiter);
  watchProblems(page, step, problems);

  await t.test("the import page reports every record", async () => {
    step.name = "import";
    await page.goto(`${hireloop.base}/candidates`);
    await page.getByRole("link", { name: "Import candidates" }).click();
    await page.getByRole("heading", { level: 1, name: "Import candidates" }).waitFor();
    await page.getByLabel("Files").setInputFiles(POOL);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const report = page.locator("#import-report");
    await report.waitFor();
    assert.match(await page.locator("#import-counts").innerText(), /1 file: 6 imported, 0 updated, 0 unchanged, 0 skipped/);
    const rows = await report.locator("tbody tr").allInnerTexts();
    assert.equal(rows.length, 6);
    assert.match(rows[0], /pool-small\.ndjson, line 1\s+imported\s+jovana\.markovic@example\.com/);
    // Still on the import page: the report is not lost to a redirect.
    assert.equal(new URL(page.url()).pathname, "/candidates/import");
    await shot(page, "import-report");
  });

  await t.test("importing the same file again changes nothing", async () => {
    step.name = "re-import";
    await page.getByLabel("Files").setInputFiles(POOL);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.locator("#import-counts", { hasText: "6 unchanged" }).waitFor();
  });

  await t.test("the role's matches rank the designed profile first", async () => {
    step.name = "matches";
    await page.goto(`${hireloop.base}/roles/${roleId}`);
    await page.getByRole("link", { name: "Matches", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `Matches for ${title}` }).waitFor();
    const names = await page.locator(".match-name").allInnerTexts();
    // Three pass the scorecard's filters (Go with 4+ years, PL/RO/RS); the designed one leads.
    assert.deepEqual(names.toSorted(), ["Ioana Dumitrescu", BEST, "Piotr Kowalski"], `ranked: ${names.join(", ")}`);
    assert.equal(names[0], BEST, `ranked: ${names.join(", ")}`);
    const best = page.locator(".match").first();
    assert.ok((await best.locator(".tag-matched").count()) >= 5);
    await shot(page, "matches");
  });

  await t.test("shortlisting the top match puts it on the board", async () => {
    step.name = "shortlist";
    await page.getByLabel(`Shortlist ${BEST}`).check();
    await page.getByRole("button", { name: "Shortlist selected" }).first().click();
    const outcome = page.locator(".shortlist-outcome");
    await outcome.getByText("1 added to the role").waitFor();
    await outcome.getByRole("link", { name: "See them on the board" }).click();
    await page.locator("#board").getByText(BEST).first().waitFor();
    await shot(page, "board");
  });

  assert.deepEqual(problems, [], "no script errors or CSP violations");
});
