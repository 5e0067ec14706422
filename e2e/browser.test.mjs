// The hireloop web UI in a real headless Chromium: a hiring manager logs in, defines a role, adds a
// candidate, puts them on the role and moves them along the board; then plans a hire; writes a
// role's scorecard until its lint is clean; shortlists a role's best matches; an admin looks after
// the market data. Runs the real binary over a fresh SQLite database; screenshots of every page go
// to target/e2e-screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "..");
const bin = resolve(root, process.env.HIRELOOP_BIN ?? "target/debug/hireloop");
const shots = resolve(root, process.env.HIRELOOP_SCREENSHOTS ?? "target/e2e-screenshots");
const email = "e2e@example.com";
const password = "e2e password that is long";

let dir;
let server;
let serverLog = "";
let base;
let browser;

function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`hireloop exited with ${server.exitCode}:\n${serverLog}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`hireloop did not become healthy in ${timeoutMs} ms:\n${serverLog}`);
}

before(async () => {
  // run.sh empties the folder first: only this run's pictures, which other test files add to.
  mkdirSync(shots, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), "hireloop-e2e-"));
  const databaseUrl = `sqlite://${join(dir, "e2e.db")}`;
  const created = spawnSync(
    bin,
    ["--database-url", databaseUrl, "user", "add", "--admin", "--email", email, "--name", "E2E Admin", "--password-stdin"],
    { input: `${password}\n`, encoding: "utf8" },
  );
  assert.equal(created.status, 0, `user add failed:\n${created.stdout}\n${created.stderr}`);

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(bin, ["--database-url", databaseUrl, "serve", "--bind", `127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout.on("data", (chunk) => (serverLog += chunk));
  server.stderr.on("data", (chunk) => (serverLog += chunk));
  await waitForHealth(base, 20_000);

  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (server.exitCode === null) server.kill("SIGKILL");
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let shot = 0;
async function screenshot(page, name, { fullPage = true } = {}) {
  shot += 1;
  const file = join(shots, `${String(shot).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path: file, fullPage });
}

test("a hiring manager takes a candidate from sourcing to screening", async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  // Script errors, CSP violations and missing assets: the pages must have none. (A 4xx answer to a
  // form post or an htmx move is expected; Chromium logs those as "Failed to load resource".)
  const problems = [];
  let step = "";
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      problems.push(`${step}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`${step}: ${error.message}`));
  page.on("response", (response) => {
    const kind = response.request().resourceType();
    if (["script", "stylesheet", "image", "font"].includes(kind) && response.status() >= 400) {
      problems.push(`${step}: ${response.status()} for ${response.url()}`);
    }
  });

  await t.test("the login page greets an anonymous visitor", async () => {
    step = "the login page greets an anonymous visitor";
    await page.goto(`${base}/`);
    assert.match(new URL(page.url()).pathname, /^\/login$/);
    await screenshot(page, "login");
  });

  await t.test("logging in shows the dashboard with the user's name", async () => {
    step = "logging in shows the dashboard with the user's name";
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(`${base}/`);
    await page.getByText("E2E Admin").waitFor();
    await screenshot(page, "dashboard-empty");
  });

  await t.test("a role is created through the form", async () => {
    step = "a role is created through the form";
    await page.getByRole("link", { name: "Roles", exact: true }).click();
    await page.getByRole("link", { name: "New role" }).click();
    // Too short a title first: the form comes back with the message at the field.
    await page.getByLabel("Title").fill("Go");
    await page.getByLabel("Level").selectOption("senior");
    await page.getByLabel("Primary language or framework").fill("Go");
    await page.getByRole("button", { name: "Create role" }).click();
    await page.locator("#f-title-error").waitFor();
    assert.match(await page.locator("#f-title-error").innerText(), /at least 3 characters/);
    await screenshot(page, "role-form-error");

    await page.getByLabel("Title").fill("Senior Go Engineer, Payments API (Remote)");
    await page.getByRole("button", { name: "Create role" }).click();
    await page.getByRole("heading", { level: 1, name: "Senior Go Engineer, Payments API (Remote)" }).waitFor();
    await screenshot(page, "role-empty");
    await page.getByRole("link", { name: "Roles", exact: true }).first().click();
    await page.getByRole("link", { name: "Senior Go Engineer, Payments API (Remote)" }).waitFor();
    await screenshot(page, "roles");
  });

  await t.test("a candidate is added to the talent pool", async () => {
    step = "a candidate is added to the talent pool";
    await page.getByRole("link", { name: "Candidates", exact: true }).click();
    await page.getByRole("link", { name: "New candidate" }).click();
    await page.getByLabel("Name").fill("Ana Petrović");
    await page.getByLabel("Email").fill("ana@example.com");
    // A textbox: "Open to relocation" (a select) also has "location" in its label.
    await page.getByRole("textbox", { name: "Location" }).fill("Belgrade, Serbia");
    await page.getByLabel("Rate region").selectOption("eastern_europe");
    await page.getByLabel("Skills").fill("Go, PostgreSQL, Kafka");
    await page.getByLabel("Amount").fill("85");
    await screenshot(page, "candidate-form");
    await page.getByRole("button", { name: "Add candidate" }).click();
    await page.getByRole("heading", { level: 1, name: "Ana Petrović" }).waitFor();
    const tags = await page.locator(".tag").allInnerTexts();
    assert.deepEqual(tags, ["go", "postgresql", "kafka"]);
    await screenshot(page, "candidate");
    await page.getByRole("link", { name: "Candidates", exact: true }).first().click();
    await page.getByRole("cell", { name: "ana@example.com" }).waitFor();
    await screenshot(page, "candidates");
  });

  await t.test("the candidate is put on the role and lands in Sourced", async () => {
    step = "the candidate is put on the role and lands in Sourced";
    await page.getByRole("link", { name: "Roles", exact: true }).click();
    await page.getByRole("link", { name: "Senior Go Engineer, Payments API (Remote)" }).click();
    await page.getByLabel("Candidate", { exact: true }).selectOption({ label: "Ana Petrović <ana@example.com>" });
    await page.getByRole("button", { name: "Add to role" }).click();
    await page.locator('.column[data-stage="sourced"] .card', { hasText: "Ana Petrović" }).waitFor();
    await screenshot(page, "board-sourced");
  });

  await t.test("moving the card on the board puts it in Screening", async () => {
    step = "moving the card on the board puts it in Screening";
    const url = page.url();
    await page.getByRole("button", { name: "Move Ana Petrović to Screening" }).click();
    const card = page.locator('.column[data-stage="screening"] .card', { hasText: "Ana Petrović" });
    await card.waitFor();
    assert.equal(await page.locator('.column[data-stage="sourced"] .card').count(), 0);
    assert.equal(page.url(), url, "htmx swapped the board in place");
    // The moved card has keyboard focus, so the next move can follow without the mouse.
    assert.equal(await card.evaluate((el) => el === document.activeElement), true);
    await screenshot(page, "board-screening");

    await page.reload();
    await page.locator('.column[data-stage="screening"] .card', { hasText: "Ana Petrović" }).waitFor();
  });

  await t.test("closing without a reason is refused inside the board", async () => {
    step = "closing without a reason is refused inside the board";
    await page.getByText("Move…").click();
    await page.getByLabel("Move to").selectOption("rejected");
    // The browser would stop a required-but-empty reason; drop the hint to see the server refuse.
    await page.getByLabel(/^Reason/).evaluate((el) => (el.required = false));
    await page.getByRole("button", { name: "Move", exact: true }).click();
    await page.locator("#board .alert").waitFor();
    assert.match(await page.locator("#board .alert").innerText(), /needs a reason/);
    await page.locator('.column[data-stage="screening"] .card', { hasText: "Ana Petrović" }).waitFor();
    await screenshot(page, "board-error");
  });

  await t.test("dragging the card onto a column moves it there", async () => {
    step = "dragging the card onto a column moves it there";
    const card = page.locator('.column[data-stage="screening"] .card', { hasText: "Ana Petrović" });
    await card.dragTo(page.locator('.column[data-stage="take_home"]'));
    await page.locator('.column[data-stage="take_home"] .card', { hasText: "Ana Petrović" }).waitFor();
    await screenshot(page, "board-dragged");
  });

  await t.test("on a phone the board scrolls sideways", async () => {
    step = "on a phone the board scrolls sideways";
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    const board = page.locator(".board");
    const { scrollWidth, clientWidth } = await board.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    assert.ok(scrollWidth > clientWidth, "the board is wider than the phone and scrolls");
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(pageWidth <= 390, `the page itself does not scroll sideways (${pageWidth}px)`);
    // Bring the card's column into view, first in the sideways-scrolled board, and picture the
    // screen as the phone shows it.
    await page
      .locator(".card", { hasText: "Ana Petrović" })
      .evaluate((card) => card.closest(".column").scrollIntoView({ inline: "start", block: "start" }));
    await screenshot(page, "board-390px", { fullPage: false });
    await page.goto(`${base}/`);
    await screenshot(page, "dashboard-390px");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${base}/`);
    await screenshot(page, "dashboard");
  });

  await t.test("logging out ends the session", async () => {
    step = "logging out ends the session";
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${base}/roles`);
    assert.match(new URL(page.url()).pathname, /^\/login$/);
  });

  assert.deepEqual(problems, [], "no script errors or CSP violations");
  await context.close();
});

test("a hiring manager plans a hire", async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = [];
  let step = "";
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      problems.push(`${step}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`${step}: ${error.message}`));

  await t.test("the plan page opens from the menu with market defaults", async () => {
    step = "the plan page opens from the menu with market defaults";
    await page.goto(`${base}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole("link", { name: "Plan a hire" }).click();
    await page.getByRole("heading", { level: 1, name: "Plan a hire" }).waitFor();
    assert.equal(await page.getByLabel("Base salary (USD/yr)").inputValue(), "101000");
    assert.match(await page.locator("#f-base_salary-hint").innerText(), /KORE1 2026/);
  });

  await t.test("a senior plan in Eastern Europe shows its charts and advice", async () => {
    step = "a senior plan in Eastern Europe shows its charts and advice";
    await page.getByLabel("Level").selectOption("senior");
    await page.getByLabel("Region for rates").selectOption("eastern_europe");
    await page.getByLabel("Primary language").fill("Go");
    // Clearing the salary takes the senior median again.
    await page.getByLabel("Base salary (USD/yr)").fill("");
    await page.getByLabel("Productivity lost while ramping (%)").fill("50");
    await page.getByLabel("Your outsourced price (USD/yr)").fill("150000");
    await page.getByLabel("Channel", { exact: true }).selectOption("in_house");
    await page.getByLabel("Search starts").fill("2026-03-02");
    await page.getByLabel("Urgency").selectOption("low");
    await page.getByLabel("People to hire").fill("3");
    await page.getByLabel("We can run a technical search ourselves").check();
    await page.getByLabel("Core, long-lived work (not a scoped project)").check();
    await page.getByRole("button", { name: "Update plan" }).click();
    await page.waitForURL(/\/plan\?.*level=senior/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("region"), "eastern_europe", "the plan is a link");
    assert.equal(await page.getByLabel("Base salary (USD/yr)").inputValue(), "155000");

    const tco = page.getByRole("img", { name: /Total cost of employment/ });
    await tco.waitFor();
    assert.ok((await tco.boundingBox()).width > 600, "the wide chart fills the column");
    assert.ok((await page.locator(".chart-wide rect.series-0").count()) >= 2, "bars are drawn");
    await page.getByRole("img", { name: /In-house vs outsourced/ }).waitFor();
    await page.getByRole("img", { name: /Time to hire through in-house/ }).waitFor();
    const channel = page.getByRole("region", { name: "Sourcing channel" });
    const top = channel.locator("li.top-pick .ranked-label");
    assert.equal(await top.innerText(), "In-house recruiting / job boards");
    assert.match(await channel.innerText(), /StepTo 2026/);
    assert.match(await page.locator("#results").innerText(), /70–100/);
    await page.locator("#h-rates").scrollIntoViewIfNeeded();
    await screenshot(page, "plan");
  });

  await t.test("a bad salary is named at its field", async () => {
    step = "a bad salary is named at its field";
    await page.getByLabel("Base salary (USD/yr)").fill("-5");
    await page.getByRole("button", { name: "Update plan" }).click();
    await page.locator("#f-base_salary-error").waitFor();
    assert.match(await page.locator("#f-base_salary-error").innerText(), /must not be negative/);
    await screenshot(page, "plan-error", { fullPage: false });
  });

  await t.test("on a phone the plan reads in one column with the narrow charts", async () => {
    step = "on a phone the plan reads in one column with the narrow charts";
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/plan?level=senior&region=eastern_europe&channel=staffing_firm&start=2026-10-05&outsourced_cost=150000#results`);
    const tco = page.getByRole("img", { name: /Total cost of employment/ });
    await tco.waitFor();
    const box = await tco.boundingBox();
    assert.ok(box.width <= 360 && box.width > 280, `the narrow chart fits the phone (${box.width}px)`);
    assert.equal(await page.locator(".chart-wide").first().isVisible(), false);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(pageWidth <= 390, `the page does not scroll sideways (${pageWidth}px)`);
    await screenshot(page, "plan-390px");
  });

  assert.deepEqual(problems, [], "no script errors or CSP violations");
  await context.close();
});

/// Collects script errors and CSP violations of a page (a 4xx answer is expected where a test provokes it).
function watch(page) {
  const problems = [];
  const state = { step: "" };
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      problems.push(`${state.step}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`${state.step}: ${error.message}`));
  return { problems, state };
}

async function logIn(page) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(`${base}/`);
}

test("a hiring manager edits a role's scorecard until its lint is clean", async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const { problems, state } = watch(page);
  const flawed = readFileSync(resolve(root, "examples/roles/senior-rails-underpaid.toml"), "utf8");
  const editor = page.getByLabel("Scorecard (role-as-code TOML)");
  const panel = page.locator("#lint-panel");
  // Typing ends with a key press: htmx lints on keyup once the text has changed.
  async function type(text) {
    await editor.fill(text);
    await editor.press("End");
  }

  await t.test("a new role has no scorecard and offers the editor", async () => {
    state.step = "a new role has no scorecard and offers the editor";
    await logIn(page);
    await page.goto(`${base}/roles/new`);
    await page.getByLabel("Title").fill("Senior Rails Engineer, Billing");
    await page.getByLabel("Level").selectOption("senior");
    await page.getByLabel("Primary language or framework").fill("Ruby");
    await page.getByRole("button", { name: "Create role" }).click();
    await page.getByRole("heading", { level: 1, name: "Senior Rails Engineer, Billing" }).waitFor();
    assert.match(await page.locator("#scorecard").innerText(), /No scorecard yet/);
    await page.getByRole("link", { name: "Write the scorecard" }).click();
    await page.getByRole("heading", { level: 1, name: "Edit the scorecard" }).waitFor();
    assert.match(await editor.inputValue(), /title = "Senior Rails Engineer, Billing"/);
    await screenshot(page, "scorecard-starter", { fullPage: false });
  });

  await t.test("pasting a flawed scorecard shows its findings as you type", async () => {
    state.step = "pasting a flawed scorecard shows its findings as you type";
    await type(flawed);
    await panel.getByText("HL022").waitFor();
    const text = await panel.innerText();
    assert.match(text, /2 errors/);
    assert.match(text, /HL016/);
    assert.match(text, /senior scorecard with a mid-level budget/);
    assert.match(text, /below the market in Eastern Europe/i);
    await screenshot(page, "scorecard-findings", { fullPage: false });
  });

  await t.test("a syntax error is pointed at with line and column", async () => {
    state.step = "a syntax error is pointed at with line and column";
    await type(flawed.replace('level = "senior"', 'level = "senior'));
    await panel.getByText("Does not parse").waitFor();
    assert.match(await panel.innerText(), /line 6, column/);
    await type(flawed.replace("mission = ", "misson = "));
    await panel.getByText(/did you mean 'mission'/).waitFor();
    await screenshot(page, "scorecard-parse-error", { fullPage: false });
  });

  await t.test("fixing the budget and the loop leaves no errors", async () => {
    state.step = "fixing the budget and the loop leaves no errors";
    const budgetFixed = flawed.replace("min = 50\nmax = 62", "min = 75\nmax = 95");
    await type(budgetFixed);
    await panel.getByText("1 error", { exact: true }).waitFor();
    assert.doesNotMatch(await panel.innerText(), /HL022/);
    const loopFixed = budgetFixed.replace(
      '[[loop]]\ntype = "behavioural"',
      '[[loop]]\ntype = "system_design"\ncompetencies = ["system design", "Redis"]\n\n[[loop]]\ntype = "behavioural"',
    );
    await type(loopFixed);
    await panel.getByText("No findings").waitFor();
    await screenshot(page, "scorecard-clean", { fullPage: false });
  });

  await t.test("saving shows the scorecard and its budget check on the role page", async () => {
    state.step = "saving shows the scorecard and its budget check on the role page";
    await page.getByRole("button", { name: "Save scorecard" }).click();
    await page.waitForURL(/\/roles\/[^/]+#scorecard$/);
    await page.getByRole("heading", { level: 1, name: "Senior Ruby on Rails Engineer, Billing (Remote)" }).waitFor();
    const section = page.locator("#scorecard");
    assert.match(await section.innerText(), /Replace the legacy invoicing jobs/);
    const check = section.locator(".budget-check");
    assert.match(await check.innerText(), /within the market in Eastern Europe/i);
    assert.match(await check.innerText(), /70–100|70-100/);
    assert.match(await section.innerText(), /No findings/);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, "role-scorecard");
  });

  await t.test("the job description preview renders the scorecard", async () => {
    state.step = "the job description preview renders the scorecard";
    await page.getByRole("link", { name: "Job description" }).click();
    await page.getByRole("heading", { level: 1, name: /Senior Ruby on Rails Engineer/ }).waitFor();
    await page.getByLabel("Hiring organisation").fill("Acme Billing");
    await page.getByRole("button", { name: "Show JSON-LD" }).click();
    await page.getByText('"@type": "JobPosting"').waitFor();
    await screenshot(page, "scorecard-jd");
  });

  await t.test("on a phone the editor reads in one column", async () => {
    state.step = "on a phone the editor reads in one column";
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goBack();
    await page.goBack();
    await page.getByRole("link", { name: "Edit scorecard" }).click();
    await panel.getByText("No findings").waitFor();
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(pageWidth <= 390, `the page does not scroll sideways (${pageWidth}px)`);
    await screenshot(page, "scorecard-editor-390px");
  });

  assert.deepEqual(problems, [], "no script errors or CSP violations");
  await context.close();
});

test("an admin checks the market data in effect and a bad upload is refused", async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const { problems, state } = watch(page);

  await t.test("the admin page lists the files and sources in effect", async () => {
    state.step = "the admin page lists the files and sources in effect";
    await logIn(page);
    await page.getByRole("link", { name: "Market data" }).click();
    await page.getByRole("heading", { level: 1, name: "Market data" }).waitFor();
    assert.match(await page.locator("#h-files").locator("..").innerText(), /rates\.toml/);
    // The file picker appears with the script, which reads the file into the text box.
    assert.equal(await page.getByLabel(/Read from a file/).isVisible(), true);
    await screenshot(page, "market-admin");
  });

  await t.test("a figure without a known source is refused at the text", async () => {
    state.step = "a figure without a known source is refused at the text";
    await page.getByLabel("File name").fill("our_offers.toml");
    await page.getByLabel("TOML text").fill(
      '[[salary]]\nsource = "nobody-2026"\ncountry = "NL"\nlevel = "mid"\nmedian = 80000\nbasis = "rumour"\n',
    );
    await page.getByRole("button", { name: "Check and upload" }).click();
    await page.locator("#f-content-error").waitFor();
    assert.match(await page.locator("#f-content-error").innerText(), /our_offers\.toml.*nobody-2026/);
    await page.locator("#f-content-error").scrollIntoViewIfNeeded();
    await screenshot(page, "market-admin-error", { fullPage: false });
  });

  await t.test("a file read from disk is uploaded, used and deleted", async () => {
    state.step = "a file read from disk is uploaded, used and deleted";
    const ours = [
      "[[source]]",
      'id = "acme-offers-2026"',
      'publisher = "Acme offers"',
      'title = "Offers we made in 2026"',
      "year = 2026",
      "",
      "[[salary]]",
      'source = "acme-offers-2026"',
      'country = "NL"',
      'level = "mid"',
      "median = 87654",
      'basis = "base salary of accepted offers"',
      "",
    ].join("\n");
    await page.getByLabel("File name").fill("");
    await page.getByLabel(/Read from a file/).setInputFiles({ name: "Our_Offers.toml", mimeType: "text/plain", buffer: Buffer.from(ours) });
    await page.waitForFunction(() => document.getElementById("f-content").value.includes("acme-offers-2026"));
    assert.equal(await page.getByLabel("File name").inputValue(), "our_offers.toml");
    await page.getByRole("button", { name: "Check and upload" }).click();
    await page.getByText("Uploaded our_offers.toml").waitFor();
    assert.match(await page.locator(".page-head .badge").innerText(), /2026\.11\+local\./);
    await screenshot(page, "market-admin-uploaded");

    await page.goto(`${base}/plan?country=NL&level=mid`);
    assert.equal(await page.getByLabel("Base salary (USD/yr)").inputValue(), "87654");
    assert.match(await page.locator("#f-base_salary-hint").innerText(), /Acme offers 2026/);

    await page.getByRole("link", { name: "Market data" }).click();
    await page.getByRole("button", { name: "Delete our_offers.toml" }).click();
    await page.getByText("Deleted our_offers.toml").waitFor();
    assert.match(await page.locator(".page-head .badge").innerText(), /^Dataset 2026\.11$/);
  });

  assert.deepEqual(problems, [], "no script errors or CSP violations");
  await context.close();
});

test("a recruiter shortlists a role's best matches onto its board", async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const { problems, state } = watch(page);
  const scorecard = readFileSync(resolve(root, "examples/roles/senior-go-payments.toml"), "utf8");
  const title = "Senior Go Engineer, Payments API (Remote)";

  async function addCandidate(name, mail, skills) {
    await page.goto(`${base}/candidates/new`);
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Email").fill(mail);
    await page.getByLabel("Rate region").selectOption("eastern_europe");
    await page.getByLabel("Skills").fill(skills);
    await page.getByLabel("Amount").fill("80");
    await page.getByRole("button", { name: "Add candidate" }).click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
  }

  await t.test("a role with a scorecard ranks the talent pool, best first", async () => {
    state.step = "a role with a scorecard ranks the talent pool, best first";
    await logIn(page);
    await addCandidate("Mila Jovanović", "mila@example.com", "Go:6, PostgreSQL, REST API, Kafka, System design, Kubernetes, Stripe");
    await addCandidate("Luka Horvat", "luka@example.com", "Go:5, PostgreSQL, REST, Kafka, System design");
    await page.goto(`${base}/roles/new`);
    await page.getByLabel("Title").fill("Go payments");
    await page.getByLabel("Level").selectOption("senior");
    await page.getByLabel("Primary language or framework").fill("Go");
    await page.getByRole("button", { name: "Create role" }).click();
    await page.getByRole("link", { name: "Write the scorecard" }).click();
    await page.getByLabel("Scorecard (role-as-code TOML)").fill(scorecard);
    await page.getByRole("button", { name: "Save scorecard" }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByRole("link", { name: "Matches", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `Matches for ${title}` }).waitFor();
    const names = await page.locator(".match-name").allInnerTexts();
    assert.deepEqual(names, ["Mila Jovanović", "Luka Horvat"]);
    const best = page.locator(".match").first();
    assert.ok((await best.locator(".tag-matched").count()) >= 5);
    assert.ok(Number(await best.locator("meter").getAttribute("value")) > 50);
    assert.match(await best.locator(".match-reasons").innerText(), /\w/);
    await screenshot(page, "matches");
  });

  await t.test("shortlisting puts the chosen on the board", async () => {
    state.step = "shortlisting puts the chosen on the board";
    await page.getByLabel("Shortlist Mila Jovanović").check();
    await page.getByLabel("Shortlist Luka Horvat").check();
    await page.getByRole("button", { name: "Shortlist selected" }).first().click();
    const outcome = page.locator(".shortlist-outcome");
    await outcome.getByText("2 added to the role").waitFor();
    await screenshot(page, "matches-shortlisted", { fullPage: false });
    await outcome.getByRole("link", { name: "See them on the board" }).click();
    const board = page.locator("#board");
    await board.getByText("Mila Jovanović").first().waitFor();
    await board.getByText("Luka Horvat").first().waitFor();
  });

  assert.deepEqual(problems, [], "no script errors or CSP violations");
  await context.close();
});
