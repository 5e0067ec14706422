// The whole interview loop in a real headless Chromium, with three people in their own browser
// sessions: an admin schedules a system design interview with two interviewers; the first submits
// a scorecard; the second cannot see it until submitting their own; the admin reads the debrief,
// decides, makes an offer and takes it through approval to acceptance, records a trial outcome and
// ticks an onboarding task; the invite is in the outbox with its calendar file. The role, the
// candidate and the application are set up through the API, as a script would.
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

const admin = { email: "admin@loop.test", name: "Ada Admin", role: "admin", password: "admin password for the loop" };
const ines = { email: "ines@loop.test", name: "Ines Interviewer", role: "interviewer", password: "ines password for the loop" };
const omar = { email: "omar@loop.test", name: "Omar Interviewer", role: "interviewer", password: "omar password for the loop" };

// What each interviewer writes: the second must not read the first's words before submitting.
const INES_EVIDENCE = "Split the ledger by account and explained the hot-partition failure unprompted";
const OMAR_EVIDENCE = "Needed hints to see that retries could double-charge";

let hireloop;
let browser;
let token;
let applicationId;
const shot = screenshotter("loop");
const problems = [];
const step = { name: "" };

async function api(method, path, body, contentType = "application/json") {
  const response = await fetch(`${hireloop.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": contentType },
    body: body === undefined ? undefined : contentType === "application/json" ? JSON.stringify(body) : body,
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

before(async () => {
  hireloop = await startHireloop([admin, ines, omar]);
  const printed = cli(hireloop.databaseUrl, ["token", "create", "--user", admin.email, "--name", "e2e setup"]);
  token = printed.match(/hl_\S+/)?.[0];
  assert.ok(token, `no token in:\n${printed}`);

  const role = await api("POST", "/api/v1/roles", { title: "Senior Go Engineer", level: "senior", primary_language: "Go" });
  const scorecard = readFileSync(resolve(root, "examples/roles/senior-go-payments.toml"), "utf8");
  await api("PUT", `/api/v1/roles/${role.id}/scorecard`, scorecard, "application/toml");
  const candidate = await api("POST", "/api/v1/candidates", {
    name: "Lena Petrova",
    email: "lena@example.com",
    location: "Belgrade, RS",
    region: "eastern_europe",
    skills: ["go", "postgresql", "kafka", "kubernetes"],
    expected_rate: { amount: 60, currency: "USD", period: "hour" },
  });
  const application = await api("POST", "/api/v1/applications", { role_id: role.id, candidate_id: candidate.id });
  applicationId = application.id;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await hireloop?.stop();
});

async function as(user) {
  const page = await loggedIn(browser, hireloop.base, user);
  watchProblems(page, step, problems);
  return page;
}

test("an interview loop from scheduling to onboarding", async (t) => {
  const adminPage = await as(admin);
  let interviewPath;

  await t.test("the admin schedules a system design interview with two interviewers", async () => {
    step.name = "schedule";
    await adminPage.goto(`${hireloop.base}/applications/${applicationId}/interviews`);
    await adminPage.getByLabel("Stage").selectOption("system_design");
    await adminPage.getByLabel("Start (UTC)").fill("2026-12-01T10:00");
    await adminPage.getByLabel("Length in minutes").fill("60");
    await adminPage.getByLabel("Room or video link").fill("https://meet.example.com/loop-1");
    await adminPage.getByLabel("Interviewers").selectOption(await labelsOf(adminPage, [ines.name, omar.name]));
    await adminPage.getByRole("button", { name: "Schedule" }).click();
    const row = adminPage.locator("#interviews tbody tr").first();
    await row.waitFor();
    assert.match(await row.innerText(), /Ines Interviewer/);
    assert.match(await row.innerText(), /Omar Interviewer/);
    interviewPath = await row.locator("a", { hasText: "Kit" }).getAttribute("href");
    assert.match(interviewPath, /^\/interviews\/[0-9a-f-]+$/);
    await shot(adminPage, "interviews");
  });

  const inesPage = await as(ines);
  await t.test("the first interviewer reads the kit and submits a scorecard", async () => {
    step.name = "first scorecard";
    await inesPage.goto(`${hireloop.base}${interviewPath}`);
    const kit = await inesPage.locator("main").innerText();
    assert.match(kit, /System design/);
    assert.match(kit, /Lena Petrova/);
    await shot(inesPage, "kit");
    await inesPage.goto(`${hireloop.base}${interviewPath}/feedback`);
    await fillScorecard(inesPage, { system_design: "4", security: "3" }, INES_EVIDENCE, "strong_yes");
    await inesPage.getByRole("button", { name: "Submit" }).click();
    await inesPage.waitForLoadState();
    assert.doesNotMatch(await inesPage.locator("main").innerText(), /check the fields/i);
    await shot(inesPage, "first-scorecard-submitted");
  });

  const omarPage = await as(omar);
  await t.test("the second interviewer cannot read the first scorecard before submitting", async () => {
    step.name = "independence";
    await omarPage.goto(`${hireloop.base}/applications/${applicationId}/debrief`);
    const before = await omarPage.locator("main").innerText();
    assert.match(before, /1 scorecard hidden/i);
    assert.ok(!before.includes(INES_EVIDENCE), "the first interviewer's evidence leaked before submitting");
    await shot(omarPage, "debrief-before-submitting");

    await omarPage.goto(`${hireloop.base}${interviewPath}/feedback`);
    await fillScorecard(omarPage, { system_design: "2", security: "3" }, OMAR_EVIDENCE, "no");
    await omarPage.getByRole("button", { name: "Submit" }).click();
    await omarPage.waitForLoadState();

    await omarPage.goto(`${hireloop.base}/applications/${applicationId}/debrief`);
    const after = await omarPage.locator("main").innerText();
    assert.ok(after.includes(INES_EVIDENCE), "after submitting, the first scorecard is visible");
    assert.match(after, /Disagreement/);
    await shot(omarPage, "debrief-after-submitting");
  });

  await t.test("the admin reads the debrief and advances the candidate with a note", async () => {
    step.name = "decision";
    await adminPage.goto(`${hireloop.base}/applications/${applicationId}/debrief`);
    const debrief = await adminPage.locator("main").innerText();
    assert.ok(debrief.includes(INES_EVIDENCE) && debrief.includes(OMAR_EVIDENCE), debrief);
    await adminPage.goto(`${hireloop.base}/applications/${applicationId}`);
    const stageBefore = await adminPage.locator("#current-stage").innerText();
    await adminPage.locator('input[name="decision"][value="advance"]').check();
    await adminPage.getByLabel("Note").fill("Strong design; probe idempotency in the references");
    await adminPage.getByRole("button", { name: "Record decision" }).click();
    await adminPage.waitForLoadState();
    const stageAfter = await adminPage.locator("#current-stage").innerText();
    assert.notEqual(stageAfter, stageBefore);
    assert.match(await adminPage.locator("main").innerText(), /probe idempotency/);
    await shot(adminPage, "application-timeline");
  });

  await t.test("the admin makes an offer and takes it from draft to accepted", async () => {
    step.name = "offer";
    await adminPage.goto(`${hireloop.base}/applications/${applicationId}/offer`);
    const form = adminPage.locator("#offer-form");
    await form.locator('[name="compensation.pay.amount"]').fill("125000");
    await form.locator('[name="compensation.pay.period"]').selectOption("year");
    await form.locator('[name="start_date"]').fill("2027-01-11");
    for (const textarea of await form.locator('textarea[name^="checklist."]').all()) {
      await textarea.fill("Written down with the team lead and shared before the start");
    }
    await form.getByRole("button", { name: /save/i }).click();
    await adminPage.waitForLoadState();
    assert.equal(await adminPage.locator("#offer-status").innerText(), "Draft");
    assert.match(await adminPage.locator("#market-comparison").innerText(), /market band/);
    for (const [to, label] of [["approved", "Approved"], ["sent", "Sent"], ["accepted", "Accepted"]]) {
      await adminPage.locator(`#status-form button[name="to"][value="${to}"]`).click();
      await adminPage.waitForLoadState();
      assert.equal(await adminPage.locator("#offer-status").innerText(), label);
    }
    await shot(adminPage, "offer-accepted");
  });

  await t.test("a trial with goals ends in conversion to a hire", async () => {
    step.name = "trial";
    await adminPage.goto(`${hireloop.base}/applications/${applicationId}/trial`);
    await adminPage.getByLabel("First day").fill("2027-01-11");
    await adminPage.locator("#f-goals").fill("Ship the refund endpoint\nPair on one incident review");
    await adminPage.getByRole("button", { name: "Start the trial" }).click();
    await adminPage.waitForLoadState();
    await adminPage.locator('input[name="outcome"][value="convert"]').check();
    await adminPage.getByRole("button", { name: "Record the outcome" }).click();
    await adminPage.waitForLoadState();
    assert.match(await adminPage.locator("#trial-outcome").innerText(), /convert/i);
    await adminPage.goto(`${hireloop.base}/applications/${applicationId}`);
    assert.match(await adminPage.locator("#current-stage").innerText(), /hired/i);
    await shot(adminPage, "trial-converted");
  });

  await t.test("the onboarding plan is generated and a task is ticked", async () => {
    step.name = "onboarding";
    await adminPage.goto(`${hireloop.base}/applications/${applicationId}/onboarding`);
    await adminPage.getByLabel("First day").fill("2027-01-11");
    await adminPage.getByRole("button", { name: "Generate the plan" }).click();
    await adminPage.waitForLoadState();
    const phase = adminPage.locator("#phase-30");
    assert.match(await phase.locator("h2").innerText(), /0 of \d+ done/);
    const first = phase.locator("form.task-form").first();
    await first.locator('input[name="done"]').check();
    await first.getByRole("button", { name: "Save" }).click();
    await adminPage.waitForLoadState();
    assert.match(await adminPage.locator("#phase-30 h2").innerText(), /1 of \d+ done/);
    await shot(adminPage, "onboarding");
  });

  await t.test("the interview invite waits in the outbox with its calendar file", async () => {
    step.name = "outbox";
    await adminPage.goto(`${hireloop.base}/outbox`);
    const outbox = await adminPage.locator("main").innerText();
    assert.match(outbox, /ines@loop\.test/);
    const invite = adminPage.locator("tbody tr", { hasText: "with invite.ics" }).filter({ hasText: ines.email });
    await invite.locator("a").first().click();
    await adminPage.waitForLoadState();
    assert.match(await adminPage.locator("main").innerText(), /BEGIN:VCALENDAR/);
    await shot(adminPage, "outbox-invite");
  });

  await t.test("no page had a script error, a CSP violation or a missing asset", () => {
    assert.deepEqual(problems, []);
  });
});

/// The option labels of the interviewer select that name these people.
async function labelsOf(page, names) {
  const options = await page.locator("#f-participants option").allInnerTexts();
  return names.map((name) => {
    const label = options.find((o) => o.includes(name));
    assert.ok(label, `no option for ${name} in ${options.join(" | ")}`);
    return { label };
  });
}

/// Fills the feedback form: a level per competency with the same evidence, and a recommendation.
async function fillScorecard(page, levels, evidence, recommendation) {
  for (const [competency, level] of Object.entries(levels)) {
    await page.locator(`input[name="rating.${competency}"][value="${level}"]`).check();
    await page.locator(`textarea[name="evidence.${competency}"]`).fill(evidence);
  }
  await page.locator(`input[name="recommendation"][value="${recommendation}"]`).check();
}
