// What every browser test file needs: the real hireloop binary serving a fresh SQLite database on a
// free port, users made with the CLI, a headless Chromium, screenshots, and a watch for script
// errors, CSP violations and missing assets on every page.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const root = resolve(import.meta.dirname, "..");
export const bin = resolve(root, process.env.HIRELOOP_BIN ?? "target/debug/hireloop");
export const shots = resolve(root, process.env.HIRELOOP_SCREENSHOTS ?? "target/e2e-screenshots");

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

/// Runs the CLI against the test database; fails the test with its output unless it exits 0.
export function cli(databaseUrl, args, input) {
  const run = spawnSync(bin, ["--database-url", databaseUrl, ...args], { input, encoding: "utf8" });
  assert.equal(run.status, 0, `hireloop ${args.join(" ")} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

/// A hireloop server over a new database with `users` ({email, name, role, password}) added first.
export async function startHireloop(users) {
  const dir = mkdtempSync(join(tmpdir(), "hireloop-e2e-"));
  const databaseUrl = `sqlite://${join(dir, "e2e.db")}`;
  for (const user of users) {
    cli(
      databaseUrl,
      ["user", "add", "--role", user.role, "--email", user.email, "--name", user.name, "--password-stdin"],
      `${user.password}\n`,
    );
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let log = "";
  const server = spawn(bin, ["--database-url", databaseUrl, "serve", "--bind", `127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout.on("data", (chunk) => (log += chunk));
  server.stderr.on("data", (chunk) => (log += chunk));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`hireloop exited with ${server.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`hireloop did not become healthy in 20 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    databaseUrl,
    log: () => log,
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once("exit", r));
        server.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (server.exitCode === null) server.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser() {
  return chromium.launch({
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
}

/// Numbered full-page screenshots named `<prefix>-NN-<name>.png`.
export function screenshotter(prefix) {
  mkdirSync(shots, { recursive: true });
  let shot = 0;
  return async (page, name, { fullPage = true } = {}) => {
    shot += 1;
    const file = join(shots, `${prefix}-${String(shot).padStart(2, "0")}-${name}.png`);
    await page.screenshot({ path: file, fullPage });
  };
}

/// Collects script errors, CSP violations and failed assets; `step.name` labels each problem.
/// (A 4xx answer to a form post is expected; Chromium logs those as "Failed to load resource".)
export function watchProblems(page, step, problems) {
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      problems.push(`${step.name}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`${step.name}: ${error.message}`));
  page.on("response", (response) => {
    const kind = response.request().resourceType();
    if (["script", "stylesheet", "image", "font"].includes(kind) && response.status() >= 400) {
      problems.push(`${step.name}: ${response.status()} for ${response.url()}`);
    }
  });
}

/// A new page logged in as `user`, in its own browser context (its own cookies).
export async function loggedIn(browser, base, user) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: /log in/i }).click();
  await page.waitForURL((url) => url.pathname === "/");
  return page;
}
